// GetInsightSelectors says which Insights the trail records; InsightNotEnabledException means none
// (the listing's HasInsightSelectors is only a summary, and some emulators leave it false).
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "CloudTrail", endpoint: "getInsightSelectors", params: { TrailName: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "InsightNotEnabledException") return { statusSig: false };
  if (error) throw new Error(error.code + ": " + error.message);
  const kinds = (apiResponse.InsightSelectors || []).map((s) => s.InsightType);
  return kinds.length ? { statusSig: true, statusMessage: "Insights: " + kinds.join(", ") } : { statusSig: false };
};
