const ADMIN_PORTS = [22, 3389];

// resource.data is the ACL as DescribeNetworkAcls listed it, entries included; describe it only
// when the data is not that listing's item (e.g. a hand-written resource in `signet test`).
async function aclOf(apiCaller, resource) {
  if (resource.data && resource.data.NetworkAclId) return resource.data;
  const res = await apiCaller({ service: "EC2", endpoint: "describeNetworkAcls", params: { NetworkAclIds: [resource.id] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

// Ingress entries are evaluated in rule-number order, as AWS does: a lower-numbered deny wins.
module.exports = async function (apiCaller, resource, lib) {
  const acl = await aclOf(apiCaller, resource);
  const open = ADMIN_PORTS.filter((port) => lib.net.naclOpenToWorld(acl.Entries || [], [port]).some((e) => e.CidrBlock));
  return open.length ? { statusSig: false, statusMessage: "0.0.0.0/0 allowed to port " + open.join(", ") } : { statusSig: true };
};
