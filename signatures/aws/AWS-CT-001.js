module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "CloudTrail", endpoint: "getTrailStatus", params: { Name: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const problems = [];
  if (!resource.data.IsMultiRegionTrail) problems.push("single-region");
  if (!apiResponse.IsLogging) problems.push("not logging");
  return problems.length ? { statusSig: false, statusMessage: "The trail is " + problems.join(" and ") } : { statusSig: true };
};
