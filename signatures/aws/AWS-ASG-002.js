// resource.data is the group as DescribeAutoScalingGroups listed it; describe it only when the data
// is not that listing's item (e.g. a hand-written resource in `signet test`).
async function groupOf(apiCaller, resource) {
  if (resource.data && resource.data.AutoScalingGroupName) return resource.data;
  const res = await apiCaller({ service: "AutoScaling", endpoint: "describeAutoScalingGroups", params: { AutoScalingGroupNames: [resource.name] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

module.exports = async function (apiCaller, resource) {
  const group = await groupOf(apiCaller, resource);
  const balanced = (group.LoadBalancerNames || []).length + (group.TargetGroupARNs || []).length > 0;
  if (!balanced) return { statusSig: true, statusMessage: "No load balancer or target group" };
  // HealthCheckType may list several types ("ELB", "ELB,VPC_LATTICE").
  return String(group.HealthCheckType || "").split(",").map((t) => t.trim()).includes("ELB")
    ? { statusSig: true } : { statusSig: false, statusMessage: "Health check type " + group.HealthCheckType };
};
