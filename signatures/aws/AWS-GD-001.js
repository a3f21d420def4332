// resource.data is the detector as GetDetector described it (the inventory's detail call);
// asked only when missing (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let detector = resource.data || {};
  if (!detector.Status) {
    const res = await apiCaller({ service: "GuardDuty", endpoint: "getDetector", params: { DetectorId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    detector = apiResponse;
  }
  return detector.Status === "ENABLED" ? { statusSig: true } : { statusSig: false, statusMessage: "Status is " + detector.Status };
};
