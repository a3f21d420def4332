// resource.data is the group as DescribeSecurityGroups listed it, rules included; describe it
// only when the data is not that listing's item (e.g. a hand-written resource in `signet test`).
async function groupOf(apiCaller, resource) {
  if (resource.data && resource.data.GroupId) return resource.data;
  const res = await apiCaller({ service: "EC2", endpoint: "describeSecurityGroups", params: { GroupIds: [resource.id] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

module.exports = async function (apiCaller, resource) {
  const group = await groupOf(apiCaller, resource);
  if (group.GroupName !== "default") return { statusSig: true, statusMessage: "Not a default security group" };
  const rules = group.IpPermissions.length + group.IpPermissionsEgress.length;
  return rules === 0 ? { statusSig: true } : { statusSig: false, statusMessage: rules + " rule(s) in the default security group" };
};
