// The queue's attributes (GetQueueAttributes): KmsMasterKeyId for SSE-KMS, SqsManagedSseEnabled for SSE-SQS.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "SQS", endpoint: "getQueueAttributes", params: { QueueUrl: resource.id, AttributeNames: ["All"] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const attributes = apiResponse.Attributes || {};
  if (attributes.KmsMasterKeyId) return { statusSig: true, statusMessage: "SSE-KMS with " + attributes.KmsMasterKeyId };
  if (attributes.SqsManagedSseEnabled === "true") return { statusSig: true, statusMessage: "SSE-SQS" };
  return { statusSig: false };
};
