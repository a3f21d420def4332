// An allowed entry opens every port when its protocol is "all", when it names no ports (every port of
// its protocol) or when a port range covers 0/1-65535. lib.gcp.firewallOpenToInternet keeps only enabled
// ingress rules from 0.0.0.0/0 or ::/0 (TCP, UDP, SCTP or all protocols).
module.exports = async function (apiCaller, resource, lib) {
  const whole = (range) => /^[01]-65535$/.test(String(range));
  const wide = lib.gcp.firewallOpenToInternet(resource.data).filter((a) =>
    String(a.IPProtocol).toLowerCase() === "all" || !a.ports || a.ports.length === 0 || a.ports.some(whole));
  if (wide.length === 0) return { statusSig: true, statusMessage: "The rule does not open a whole port range to the Internet" };
  return {
    statusSig: false,
    statusMessage: "The rule lets the Internet reach every port: " + wide.map((a) => a.IPProtocol + (a.ports ? " " + a.ports.join(",") : "")).join("; "),
  };
};
