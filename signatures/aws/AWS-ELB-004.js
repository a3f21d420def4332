// resource.data is the load balancer as DescribeLoadBalancers listed it, merged with its
// DescribeLoadBalancerAttributes answer (LoadBalancerAttributes); ask only for what the data lacks
// (e.g. a hand-written resource in `signet test`).
async function attributesOf(apiCaller, resource) {
  if (resource.data && resource.data.LoadBalancerAttributes) return resource.data.LoadBalancerAttributes;
  const res = await apiCaller({ service: "ELB", endpoint: "describeLoadBalancerAttributes", params: { LoadBalancerName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.LoadBalancerAttributes || {};
}

module.exports = async function (apiCaller, resource) {
  const draining = (await attributesOf(apiCaller, resource)).ConnectionDraining || {};
  return draining.Enabled ? { statusSig: true, statusMessage: "Draining for " + draining.Timeout + " s" } : { statusSig: false };
};
