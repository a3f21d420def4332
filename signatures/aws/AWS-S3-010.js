module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketLogging", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const target = apiResponse.LoggingEnabled && apiResponse.LoggingEnabled.TargetBucket;
  return target ? { statusSig: true, statusMessage: "Logs go to " + target } : { statusSig: false };
};
