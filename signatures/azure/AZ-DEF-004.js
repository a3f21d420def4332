// Defender for Cloud's integration settings (Microsoft.Security/settings). Each named here must
// have the value given: WDATP and MCAS share Defender for Cloud's data with Defender for
// Endpoint and Defender for Cloud Apps; WDATP_EXCLUDE_LINUX_PUBLIC_PREVIEW true would leave
// Linux machines out of Defender for Endpoint. Other settings (Sentinel alert sync) are not judged.
const WANTED = {
  WDATP: { enabled: true, what: "the Microsoft Defender for Endpoint integration" },
  WDATP_UNIFIED_SOLUTION: { enabled: true, what: "the Defender for Endpoint unified solution" },
  WDATP_EXCLUDE_LINUX_PUBLIC_PREVIEW: { enabled: false, what: "the exclusion of Linux machines from Defender for Endpoint" },
  MCAS: { enabled: true, what: "the Microsoft Defender for Cloud Apps integration" },
};

module.exports = async function (apiCaller, resource) {
  const wanted = WANTED[resource.name];
  if (!wanted) return { statusSig: true, statusMessage: "Setting " + resource.name + " is not a Defender integration this check judges" };
  // An integration setting without `enabled` has never been turned on.
  const enabled = ((resource.data || {}).properties || {}).enabled === true;
  const ok = enabled === wanted.enabled;
  const text = wanted.what.charAt(0).toUpperCase() + wanted.what.slice(1) + " is " + (enabled ? "enabled" : "disabled") + " (" + resource.name + ")";
  return { statusSig: ok, statusMessage: text };
};
