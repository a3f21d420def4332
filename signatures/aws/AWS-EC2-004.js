module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EC2", endpoint: "describeSecurityGroups", params: { GroupIds: [resource.id] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const group = apiResponse[0];
  if (group.GroupName !== "default") return { statusSig: true, statusMessage: "Not a default security group" };
  const rules = group.IpPermissions.length + group.IpPermissionsEgress.length;
  return rules === 0 ? { statusSig: true } : { statusSig: false, statusMessage: rules + " rule(s) in the default security group" };
};
