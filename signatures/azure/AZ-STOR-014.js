// protocolSettings.smb.channelEncryption: semicolon-separated ("AES-128-CCM;AES-128-GCM;
// AES-256-GCM;"). Absent or empty means every algorithm Azure Files supports is accepted.
const DEFAULT_ALGORITHMS = "AES-128-CCM;AES-128-GCM;AES-256-GCM";
const STRONG = ["AES-256-GCM"];

module.exports = async function (apiCaller, resource, lib) {
  const smb = (((await lib.azure.item(apiCaller, resource)).properties || {}).protocolSettings || {}).smb || {};
  const set = typeof smb.channelEncryption === "string" && smb.channelEncryption.trim() ? smb.channelEncryption : null;
  const algorithms = (set || DEFAULT_ALGORITHMS).split(";").map((s) => s.trim()).filter(Boolean);
  const weaker = algorithms.filter((a) => !STRONG.includes(a.toUpperCase()));
  if (weaker.length === 0) return { statusSig: true, statusMessage: "SMB channel encryption allows only " + algorithms.join(", ") };
  return {
    statusSig: false,
    statusMessage: "SMB channel encryption allows " + weaker.join(", ") + (set ? "" : " (not set: every supported algorithm is allowed)") + ": weaker than AES-256-GCM",
  };
};
