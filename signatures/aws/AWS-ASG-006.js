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
  const policy = (await groupOf(apiCaller, resource)).MixedInstancesPolicy;
  const overrides = (policy && policy.LaunchTemplate && policy.LaunchTemplate.Overrides) || [];
  const types = [...new Set(overrides.map((o) => o.InstanceType).filter(Boolean))];
  const requirements = overrides.some((o) => o.InstanceRequirements);  // attribute-based selection: many types
  return types.length > 1 || requirements ? { statusSig: true, statusMessage: requirements ? "Chosen by instance requirements" : types.join(", ") } : { statusSig: false };
};
