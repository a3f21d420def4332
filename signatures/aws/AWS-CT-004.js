module.exports = async function (apiCaller, resource) {
  const bucket = resource.data.S3BucketName;
  if (!bucket) return { statusSig: false, statusMessage: "The trail delivers to no S3 bucket" };
  const res = await apiCaller({ service: "S3", endpoint: "getBucketLogging", params: { Bucket: bucket } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.LoggingEnabled ? { statusSig: true } : { statusSig: false, statusMessage: "No access logging on " + bucket };
};
