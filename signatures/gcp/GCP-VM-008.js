module.exports = async function (apiCaller, resource) {
  const s = resource.data.shieldedInstanceConfig || {};
  const missing = [];
  if (s.enableVtpm !== true) missing.push("vTPM");
  if (s.enableIntegrityMonitoring !== true) missing.push("integrity monitoring");
  if (missing.length) return { statusSig: false, statusMessage: "Off: " + missing.join(" and ") };
  return { statusSig: true, statusMessage: "vTPM and integrity monitoring are on" };
};
