// confidentialInstanceConfig.enableConfidentialCompute (AMD SEV), or confidentialInstanceType SEV,
// SEV_SNP or TDX.
module.exports = async function (apiCaller, resource) {
  const vm = resource.data;
  const c = vm.confidentialInstanceConfig || {};
  const type = c.confidentialInstanceType && c.confidentialInstanceType !== "CONFIDENTIAL_INSTANCE_TYPE_UNSPECIFIED" ? c.confidentialInstanceType : null;
  if (c.enableConfidentialCompute === true || type) return { statusSig: true, statusMessage: "Confidential VM (" + (type || "SEV") + ")" };
  return { statusSig: false, statusMessage: "Not a Confidential VM (machine type " + String(vm.machineType || "").split("/").pop() + ")" };
};
