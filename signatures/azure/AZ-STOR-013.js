// protocolSettings.smb.versions: semicolon-separated ("SMB2.1;SMB3.0;SMB3.1.1;"). Absent or
// empty means every version Azure Files supports is accepted (SMB 2.1, 3.0 and 3.1.1).
const DEFAULT_VERSIONS = "SMB2.1;SMB3.0;SMB3.1.1";

// SMB3.1.1 or a later version; anything unreadable counts as older.
function atLeast311(version) {
  const m = /^SMB(\d+)(?:\.(\d+))?(?:\.(\d+))?$/i.exec(version);
  if (!m) return false;
  const v = [Number(m[1]), Number(m[2] || 0), Number(m[3] || 0)], min = [3, 1, 1];
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
}

module.exports = async function (apiCaller, resource, lib) {
  const smb = (((await lib.azure.item(apiCaller, resource)).properties || {}).protocolSettings || {}).smb || {};
  const set = typeof smb.versions === "string" && smb.versions.trim() ? smb.versions : null;
  const versions = (set || DEFAULT_VERSIONS).split(";").map((s) => s.trim()).filter(Boolean);
  const older = versions.filter((v) => !atLeast311(v));
  if (older.length === 0) return { statusSig: true, statusMessage: "SMB accepts only " + versions.join(", ") };
  return {
    statusSig: false,
    statusMessage: "SMB accepts " + older.join(", ") + (set ? "" : " (versions not set: every supported version is allowed)") + ": older than SMB 3.1.1",
  };
};
