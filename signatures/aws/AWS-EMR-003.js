module.exports = async function (apiCaller, resource, lib) {
  const attributes = (resource.data || {}).Ec2InstanceAttributes || {};
  const groups = [attributes.EmrManagedMasterSecurityGroup, attributes.EmrManagedSlaveSecurityGroup, attributes.ServiceAccessSecurityGroup]
    .concat(attributes.AdditionalMasterSecurityGroups || [], attributes.AdditionalSlaveSecurityGroups || []).filter(Boolean);
  if (groups.length === 0) return { statusSig: true, statusMessage: "The cluster names no security group" };
  const res = await apiCaller({ service: "EC2", endpoint: "describeSecurityGroups", params: { GroupIds: [...new Set(groups)] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const open = apiResponse.filter((g) => lib.net.openToWorld(g.IpPermissions || []).length > 0).map((g) => g.GroupId);
  return open.length ? { statusSig: false, statusMessage: "Open to the internet: " + open.join(", ") } : { statusSig: true };
};
