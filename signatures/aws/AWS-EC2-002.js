const ADMIN_PORTS = [22, 3389];

// resource.data is the group as DescribeSecurityGroups listed it, rules included; describe it
// only when the data is not that listing's item (e.g. a hand-written resource in `signet test`).
async function groupOf(apiCaller, resource) {
  if (resource.data && resource.data.GroupId) return resource.data;
  const res = await apiCaller({ service: "EC2", endpoint: "describeSecurityGroups", params: { GroupIds: [resource.id] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

module.exports = async function (apiCaller, resource, lib) {
  const group = await groupOf(apiCaller, resource);
  const open = lib.net.openToWorld(group.IpPermissions || [], ADMIN_PORTS).filter((rule) => !rule.cidr.includes(":"));
  const ports = ADMIN_PORTS.filter((port) => open.some((rule) => rule.fromPort <= port && port <= rule.toPort));
  return ports.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Open to 0.0.0.0/0 on port " + ports.join(", ") };
};
