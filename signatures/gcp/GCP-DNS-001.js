// dnssecConfig.state is "on", "off" or "transfer"; only public zones can be signed.
module.exports = async function (apiCaller, resource) {
  const zone = resource.data;
  if (zone.visibility === "private") return { statusSig: true, statusMessage: "Private zone: DNSSEC applies to public zones only" };
  const state = (zone.dnssecConfig || {}).state || "off";
  return { statusSig: state === "on", statusMessage: "DNSSEC is " + state + " for " + zone.dnsName };
};
