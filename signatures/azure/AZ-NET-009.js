// CIS 7.3: any UDP port. Open UDP services (DNS, NTP, SSDP, memcached) get used to amplify
// denial-of-service attacks; a rule for protocol * (Any) opens UDP as well.
module.exports = async function (apiCaller, resource, lib) {
  const p = (await lib.azure.item(apiCaller, resource)).properties || {};
  const open = lib.net.nsgOpenToInternet((p.securityRules || []).concat(p.defaultSecurityRules || []), [], "Udp");
  if (!open.length) return { statusSig: true, statusMessage: "No inbound rule lets the Internet reach any UDP port" };
  const ports = (r) => (r.properties || r).destinationPortRange || [].concat((r.properties || r).destinationPortRanges || []).join(",");
  return { statusSig: false, statusMessage: "The Internet can reach UDP through the inbound rule(s) " + open.map((r) => r.name + " (" + (r.properties || r).protocol + " ports " + ports(r) + ")").join(", ") };
};
