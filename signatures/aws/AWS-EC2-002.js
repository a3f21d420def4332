const ADMIN_PORTS = [22, 3389];
const opens = (p, port) => p.IpProtocol === "-1" || (p.FromPort <= port && port <= p.ToPort);

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
  const open = [];
  for (const p of group.IpPermissions)
    for (const port of ADMIN_PORTS)
      if (opens(p, port) && (p.IpRanges || []).some((r) => r.CidrIp === "0.0.0.0/0")) open.push(port);
  return open.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Open to 0.0.0.0/0 on port " + [...new Set(open)].join(", ") };
};
