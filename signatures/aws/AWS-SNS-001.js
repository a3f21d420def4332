// The topic's attributes (GetTopicAttributes): KmsMasterKeyId when encrypted.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "SNS", endpoint: "getTopicAttributes", params: { TopicArn: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const key = (apiResponse.Attributes || {}).KmsMasterKeyId;
  return key ? { statusSig: true, statusMessage: "Encrypted with " + key } : { statusSig: false };
};
