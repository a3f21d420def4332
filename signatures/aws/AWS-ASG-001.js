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
  const zones = (await groupOf(apiCaller, resource)).AvailabilityZones || [];
  return zones.length > 1 ? { statusSig: true, statusMessage: zones.join(", ") } : { statusSig: false, statusMessage: "Only " + (zones[0] || "no zone") };
};
