// resource.data is the trail as DescribeTrails listed it (its S3BucketName); described only when
// it is not (e.g. a hand-written resource in `signet test`). GetBucketVersioning says MFADelete.
async function trailOf(apiCaller, resource) {
  if (resource.data && resource.data.TrailARN) return resource.data;
  const res = await apiCaller({ service: "CloudTrail", endpoint: "describeTrails", params: { trailNameList: [resource.arn] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.trailList.find((t) => t.TrailARN === resource.arn);
}

module.exports = async function (apiCaller, resource) {
  const trail = (await trailOf(apiCaller, resource)) || {};
  const bucket = trail.S3BucketName;
  if (!bucket) return { statusSig: false, statusMessage: "The trail delivers to no S3 bucket" };
  const res = await apiCaller({ service: "S3", endpoint: "getBucketVersioning", params: { Bucket: bucket } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message + " (bucket " + bucket + ")");
  if (apiResponse.Status !== "Enabled") return { statusSig: false, statusMessage: "Versioning is off on " + bucket };
  return apiResponse.MFADelete === "Enabled" ? { statusSig: true } : { statusSig: false, statusMessage: "MFA delete is off on " + bucket };
};
