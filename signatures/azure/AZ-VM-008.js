// securityProfile.securityType: absent means a Standard VM (no Trusted Launch); Trusted Launch
// and Confidential VMs also need secure boot and a vTPM on.
module.exports = async function (apiCaller, resource) {
  const security = (((resource.data || {}).properties || {}).securityProfile) || {};
  const type = security.securityType || "Standard";
  if (!/^(TrustedLaunch|ConfidentialVM)$/i.test(type)) return { statusSig: false, statusMessage: "Security type is " + type + ", not Trusted Launch" };
  const uefi = security.uefiSettings || {};
  const off = [];
  if (uefi.secureBootEnabled !== true) off.push("secure boot");
  if (uefi.vTpmEnabled !== true) off.push("vTPM");
  if (off.length) return { statusSig: false, statusMessage: type + " without " + off.join(" and ") };
  return { statusSig: true, statusMessage: type + " with secure boot and vTPM" };
};
