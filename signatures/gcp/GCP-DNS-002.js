// The algorithms Cloud DNS signs with are the zone's dnssecConfig.defaultKeySpecs, one per keyType
// ("keySigning", "zoneSigning").
module.exports = async function (apiCaller, resource) {
  const zone = resource.data;
  if (zone.visibility === "private") return { statusSig: true, statusMessage: "Private zone: not signed with DNSSEC" };
  const specs = ((zone.dnssecConfig || {}).defaultKeySpecs || []).filter((k) => k.keyType === "keySigning");
  if (specs.length === 0) return { statusSig: true, statusMessage: "The zone names no key-signing key" };
  const weak = specs.filter((k) => String(k.algorithm).toLowerCase() === "rsasha1");
  if (weak.length) return { statusSig: false, statusMessage: "The key-signing key uses RSASHA1 (" + weak[0].keyLength + " bits)" };
  return { statusSig: true, statusMessage: "The key-signing key uses " + specs.map((k) => k.algorithm).join(", ") };
};
