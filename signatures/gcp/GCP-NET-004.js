// lib.gcp.firewallOpenToInternet: the allowed entries of an enabled ingress rule from 0.0.0.0/0 or ::/0
// that reach port 3389 over TCP (or all protocols).
module.exports = async function (apiCaller, resource, lib) {
  const open = lib.gcp.firewallOpenToInternet(resource.data, [3389]);
  if (open.length === 0) return { statusSig: true, statusMessage: "The rule does not let the Internet reach port 3389" };
  const what = open.map((a) => a.IPProtocol + (a.ports ? " " + a.ports.join(",") : " (every port)")).join("; ");
  return { statusSig: false, statusMessage: "The rule lets anyone on the Internet reach RDP (port 3389): " + what };
};
