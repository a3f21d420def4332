// An instance's (or a project's) metadata value for a key, or undefined; metadata booleans are
// written TRUE/true/1/yes.
const meta = (metadata, key) => {
  const item = ((metadata || {}).items || []).find((i) => i.key === key);
  return item ? String(item.value) : undefined;
};
const isOn = (value) => value !== undefined && /^(true|1|yes|y|on)$/i.test(value.trim());

module.exports = async function (apiCaller, resource) {
  const metadata = resource.data.commonInstanceMetadata;
  const osLogin = meta(metadata, "enable-oslogin"), twoFactor = meta(metadata, "enable-oslogin-2fa");
  if (!isOn(osLogin)) return { statusSig: false, statusMessage: "OS Login itself is not on in the project's metadata" };
  if (!isOn(twoFactor)) return { statusSig: false, statusMessage: "OS Login is on but enable-oslogin-2fa is " + (twoFactor === undefined ? "not set" : twoFactor) };
  return { statusSig: true, statusMessage: "OS Login and enable-oslogin-2fa are on for the project" };
};
