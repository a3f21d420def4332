// resource.data is the trail as DescribeTrails listed it (HasInsightSelectors); otherwise
// GetInsightSelectors, whose InsightNotEnabledException means none.
module.exports = async function (apiCaller, resource) {
  const trail = resource.data || {};
  if (trail.TrailARN && trail.HasInsightSelectors === false) return { statusSig: false };
  const res = await apiCaller({ service: "CloudTrail", endpoint: "getInsightSelectors", params: { TrailName: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "InsightNotEnabledException") return { statusSig: false };
  if (error) throw new Error(error.code + ": " + error.message);
  const kinds = (apiResponse.InsightSelectors || []).map((s) => s.InsightType);
  return kinds.length ? { statusSig: true, statusMessage: "Insights: " + kinds.join(", ") } : { statusSig: false };
};
