// CIFS/SMB open to the world: any IPv4 or IPv6 rule of the group (a single port, a range, or
// all traffic) that lets 0.0.0.0/0 or ::/0 reach TCP 445. The listing's item carries the
// rules; a hand-written resource without them is described again.
const CIFS = 445;

module.exports = async function (apiCaller, resource, lib) {
  let group = resource.data;
  if (!group || !group.GroupId) {
    const [[answer]] = await apiCaller({ service: "EC2", endpoint: "describeSecurityGroups", params: { GroupIds: [resource.id] } });
    if (answer.error) throw new Error(answer.error.code + ": " + answer.error.message);
    group = answer.apiResponse[0];
  }
  // SMB is TCP: a UDP rule on 445 carries no file sharing.
  const open = lib.net.openToWorld(group.IpPermissions || [], [CIFS]).filter((rule) => ["-1", "tcp", "6"].includes(String(rule.protocol).toLowerCase()));
  if (open.length === 0) return { statusSig: true };
  const rules = open.map((rule) => rule.cidr + (rule.protocol === "-1" ? " (all traffic)" : " to " + rule.fromPort + "-" + rule.toPort));
  return { statusSig: false, statusMessage: "TCP 445 is open to " + rules.join(", ") };
};
