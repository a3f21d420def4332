// resource.data is the detector as GetDetector described it (the inventory's detail call);
// asked only when missing. Features is the current form; DataSources the older one.
module.exports = async function (apiCaller, resource) {
  let detector = resource.data || {};
  if (!detector.Status) {
    const res = await apiCaller({ service: "GuardDuty", endpoint: "getDetector", params: { DetectorId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    detector = apiResponse;
  }
  if (detector.Status !== "ENABLED") return { statusSig: false, statusMessage: "The detector is " + detector.Status };
  const features = (detector.Features || []).filter((f) => ["EKS_AUDIT_LOGS"].includes(f.Name));
  const legacy = (((detector.DataSources || {}).Kubernetes || {}).AuditLogs || {}).Status;
  const on = features.some((f) => f.Status === "ENABLED") || (features.length === 0 && legacy === "ENABLED");
  return on ? { statusSig: true } : { statusSig: false };
};
