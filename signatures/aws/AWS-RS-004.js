module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "Redshift", endpoint: "describeLoggingStatus", params: { ClusterIdentifier: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  if (!apiResponse.LoggingEnabled) return { statusSig: false };
  const to = apiResponse.LogDestinationType === "cloudwatch" ? "CloudWatch Logs" : apiResponse.BucketName || "S3";
  return { statusSig: true, statusMessage: "Logs go to " + to };
};
