// resource.data is the detector as GetDetector described it (the inventory's detail call);
// asked only when missing. Its Features list says which protection plans are on.
module.exports = async function (apiCaller, resource) {
  let detector = resource.data || {};
  if (!detector.Status) {
    const res = await apiCaller({ service: "GuardDuty", endpoint: "getDetector", params: { DetectorId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    detector = apiResponse;
  }
  if (detector.Status !== "ENABLED") return { statusSig: false, statusMessage: "The detector is " + detector.Status };
  const features = (detector.Features || []).filter((f) => ["EKS_RUNTIME_MONITORING", "RUNTIME_MONITORING"].includes(f.Name));
  const on = features.some((f) => f.Status === "ENABLED");
  return on ? { statusSig: true } : { statusSig: false };
};
