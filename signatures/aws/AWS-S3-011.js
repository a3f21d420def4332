module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketNotificationConfiguration", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const kinds = ["TopicConfigurations", "QueueConfigurations", "LambdaFunctionConfigurations"].filter((k) => (apiResponse[k] || []).length > 0);
  if (apiResponse.EventBridgeConfiguration) kinds.push("EventBridge");
  return kinds.length ? { statusSig: true, statusMessage: "Notifies through " + kinds.join(", ") } : { statusSig: false };
};
