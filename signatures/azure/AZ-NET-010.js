// CIS 7.4: HTTP and HTTPS (TCP 80, 443) straight from the Internet to what the NSG guards; publish
// web applications through an application gateway or Front Door with a WAF instead.
module.exports = async function (apiCaller, resource, lib) {
  const p = (await lib.azure.item(apiCaller, resource)).properties || {};
  const open = lib.net.nsgOpenToInternet((p.securityRules || []).concat(p.defaultSecurityRules || []), [80, 443], "Tcp");
  if (!open.length) return { statusSig: true, statusMessage: "No inbound rule lets the Internet reach HTTP or HTTPS (TCP 80, 443)" };
  return { statusSig: false, statusMessage: "The Internet can reach HTTP(S) (TCP 80 or 443) through the inbound rule(s) " + open.map((r) => r.name + " (priority " + (r.properties || r).priority + ")").join(", ") };
};
