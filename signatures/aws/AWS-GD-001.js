module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "GuardDuty", endpoint: "getDetector", params: { DetectorId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.Status === "ENABLED" ? { statusSig: true } : { statusSig: false, statusMessage: "Status is " + apiResponse.Status };
};
