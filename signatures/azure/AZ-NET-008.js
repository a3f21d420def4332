// CIS 7.2: SSH is TCP 22. A rule whose source is a named range (an office, a VPN's egress) is not
// the Internet; a higher-priority deny of the Internet wins over a later allow.
module.exports = async function (apiCaller, resource, lib) {
  const p = (await lib.azure.item(apiCaller, resource)).properties || {};
  const open = lib.net.nsgOpenToInternet((p.securityRules || []).concat(p.defaultSecurityRules || []), [22], "Tcp");
  if (!open.length) return { statusSig: true, statusMessage: "No inbound rule lets the Internet reach SSH (TCP 22)" };
  return { statusSig: false, statusMessage: "SSH (TCP 22) is open to the Internet through the inbound rule(s) " + open.map((r) => r.name + " (priority " + (r.properties || r).priority + ")").join(", ") };
};
