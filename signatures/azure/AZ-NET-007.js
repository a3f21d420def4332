// CIS 7.1: RDP is TCP 3389, and UDP 3389 for its UDP transport. The listing holds the default rules
// too, so Azure's DenyAllInBound (priority 65500) is weighed like any other deny.
module.exports = async function (apiCaller, resource, lib) {
  const p = (await lib.azure.item(apiCaller, resource)).properties || {};
  const open = lib.net.nsgOpenToInternet((p.securityRules || []).concat(p.defaultSecurityRules || []), [3389], "*");
  if (!open.length) return { statusSig: true, statusMessage: "No inbound rule lets the Internet reach RDP (TCP or UDP 3389)" };
  return { statusSig: false, statusMessage: "The Internet can reach RDP (3389) through the inbound rule(s) " + open.map((r) => r.name + " (priority " + (r.properties || r).priority + ")").join(", ") };
};
