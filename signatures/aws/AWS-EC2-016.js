// resource.data is the ACL as DescribeNetworkAcls listed it, associations included; describe it
// only when the data is not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let acl = resource.data || {};
  if (!acl.NetworkAclId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeNetworkAcls", params: { NetworkAclIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    acl = apiResponse[0];
  }
  if (acl.IsDefault) return { statusSig: true, statusMessage: "The VPC's default network ACL" };
  const subnets = (acl.Associations || []).length;
  return subnets ? { statusSig: true, statusMessage: "Associated with " + subnets + " subnet(s)" } : { statusSig: false };
};
