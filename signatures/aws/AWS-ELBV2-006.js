// resource.data is the load balancer as DescribeLoadBalancers listed it, merged with its
// DescribeLoadBalancerAttributes answer (Attributes); ask only when the data lacks them (e.g. a
// hand-written resource in `signet test`).
async function attributesOf(apiCaller, resource) {
  let list = resource.data && resource.data.Attributes;
  if (!list) {
    const res = await apiCaller({ service: "ELBv2", endpoint: "describeLoadBalancerAttributes", params: { LoadBalancerArn: resource.arn } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    list = apiResponse.Attributes || [];
  }
  const attributes = {};
  for (const a of list) attributes[a.Key] = a.Value;
  return attributes;
}
// Application Load Balancers only; resource.data.Type says which kind the balancer is.
module.exports = async function (apiCaller, resource) {
  if (resource.data && resource.data.Type && resource.data.Type !== "application") return { statusSig: true, statusMessage: "A " + resource.data.Type + " load balancer" };
  const attributes = await attributesOf(apiCaller, resource);
  const mode = attributes["routing.http.desync_mitigation_mode"] || "defensive";  // AWS's default when not set
  return ["defensive", "strictest"].includes(mode) ? { statusSig: true, statusMessage: "Mode " + mode } : { statusSig: false, statusMessage: "Mode " + mode };
};
