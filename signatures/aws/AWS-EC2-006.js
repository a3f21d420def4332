// resource.data is the ACL as DescribeNetworkAcls listed it, entries included; describe it only
// when the data is not that listing's item (e.g. a hand-written resource in `signet test`).
async function aclOf(apiCaller, resource) {
  if (resource.data && resource.data.NetworkAclId) return resource.data;
  const res = await apiCaller({ service: "EC2", endpoint: "describeNetworkAcls", params: { NetworkAclIds: [resource.id] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

module.exports = async function (apiCaller, resource) {
  const acl = await aclOf(apiCaller, resource);
  const entries = acl.Entries.filter((e) => !e.Egress).sort((a, b) => a.RuleNumber - b.RuleNumber);
  const open = [];
  for (const port of [22, 3389]) {
    // The first matching rule decides, as in AWS.
    const rule = entries.find((e) => e.CidrBlock === "0.0.0.0/0" &&
      (e.Protocol === "-1" || !e.PortRange || (e.PortRange.From <= port && port <= e.PortRange.To)));
    if (rule && rule.RuleAction === "allow") open.push(port);
  }
  return open.length ? { statusSig: false, statusMessage: "0.0.0.0/0 allowed to port " + open.join(", ") } : { statusSig: true };
};
