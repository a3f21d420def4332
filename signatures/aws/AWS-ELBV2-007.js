// resource.data is the load balancer as DescribeLoadBalancers listed it, zones included; describe
// it only when the data is not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let balancer = resource.data || {};
  if (!balancer.LoadBalancerArn) {
    const res = await apiCaller({ service: "ELBv2", endpoint: "describeLoadBalancers", params: { LoadBalancerArns: [resource.arn] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    balancer = apiResponse[0];
  }
  const zones = (balancer.AvailabilityZones || []).map((z) => z.ZoneName);
  return zones.length > 1 ? { statusSig: true, statusMessage: zones.join(", ") } : { statusSig: false, statusMessage: "Only " + (zones[0] || "no zone") };
};
