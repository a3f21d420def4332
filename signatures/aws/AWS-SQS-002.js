// The queue's access policy (GetQueueAttributes: Attributes.Policy).
module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "SQS", endpoint: "getQueueAttributes", params: { QueueUrl: resource.id, AttributeNames: ["Policy"] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const policy = (apiResponse.Attributes || {}).Policy;
  if (!policy) return { statusSig: true, statusMessage: "No access policy" };
  const open = lib.iam.publicStatements(policy);
  return open.length ? { statusSig: false, statusMessage: "Open to everyone: " + [...new Set(open.flatMap((s) => s.Action))].join(", ") } : { statusSig: true };
};
