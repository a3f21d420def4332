module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "CloudTrail", endpoint: "describeTrails", params: { trailNameList: [resource.arn] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const trail = apiResponse.trailList.find((t) => t.TrailARN === resource.arn);
  return trail && trail.KmsKeyId ? { statusSig: true } : { statusSig: false };
};
