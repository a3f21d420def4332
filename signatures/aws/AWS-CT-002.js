// resource.data is the trail as DescribeTrails listed it; describe it only when the data is not
// that listing's item (e.g. a hand-written resource in `signet test`).
async function trailOf(apiCaller, resource) {
  if (resource.data && resource.data.TrailARN) return resource.data;
  const res = await apiCaller({ service: "CloudTrail", endpoint: "describeTrails", params: { trailNameList: [resource.arn] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.trailList.find((t) => t.TrailARN === resource.arn);
}

module.exports = async function (apiCaller, resource) {
  const trail = await trailOf(apiCaller, resource);
  return trail && trail.LogFileValidationEnabled ? { statusSig: true } : { statusSig: false };
};
