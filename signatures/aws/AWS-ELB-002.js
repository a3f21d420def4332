// resource.data is the load balancer as DescribeLoadBalancers listed it; describe it only when the
// data is not that listing's item (e.g. a hand-written resource in `signet test`).
async function balancerOf(apiCaller, resource) {
  if (resource.data && resource.data.LoadBalancerName) return resource.data;
  const res = await apiCaller({ service: "ELB", endpoint: "describeLoadBalancers", params: { LoadBalancerNames: [resource.name] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

module.exports = async function (apiCaller, resource) {
  const balancer = await balancerOf(apiCaller, resource);
  const secure = (balancer.ListenerDescriptions || []).map((d) => d.Listener).filter((l) => ["HTTPS", "SSL"].includes(String(l.Protocol).toUpperCase()));
  if (!secure.length) return { statusSig: true, statusMessage: "No HTTPS or SSL listener" };
  const other = secure.filter((l) => !/^arn:[^:]+:acm:/.test(l.SSLCertificateId || ""));
  return other.length
    ? { statusSig: false, statusMessage: "Not from ACM on port(s) " + other.map((l) => l.LoadBalancerPort).join(", ") }
    : { statusSig: true };
};
