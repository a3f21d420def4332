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
  const plain = (balancer.ListenerDescriptions || []).map((d) => d.Listener).filter((l) => !["HTTPS", "SSL"].includes(String(l.Protocol).toUpperCase()));
  return plain.length
    ? { statusSig: false, statusMessage: "Unencrypted listener(s): " + plain.map((l) => l.Protocol + ":" + l.LoadBalancerPort).join(", ") }
    : { statusSig: true };
};
