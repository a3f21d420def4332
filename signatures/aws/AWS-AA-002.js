// The analyzer's findings still ACTIVE (ListFindingsV2 by analyzer ARN: external and unused access alike, status filter).
module.exports = async function (apiCaller, resource) {
  if (resource.data && resource.data.status && resource.data.status !== "ACTIVE")
    return { statusSig: false, statusMessage: "The analyzer is " + resource.data.status };
  const res = await apiCaller({ service: "AccessAnalyzer", endpoint: "listFindingsV2",
                                params: { analyzerArn: resource.arn, filter: { status: { eq: ["ACTIVE"] } } } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  if (apiResponse.length === 0) return { statusSig: true };
  const kinds = [...new Set(apiResponse.map((f) => f.resourceType))];
  return { statusSig: false, statusMessage: apiResponse.length + " active finding(s) on " + kinds.join(", ") };
};
