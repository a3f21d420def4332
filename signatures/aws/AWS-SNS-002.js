// The topic's access policy (GetTopicAttributes: Attributes.Policy).
module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "SNS", endpoint: "getTopicAttributes", params: { TopicArn: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const policy = (apiResponse.Attributes || {}).Policy;
  if (!policy) return { statusSig: true, statusMessage: "No access policy" };
  const open = lib.iam.publicStatements(policy);
  return open.length ? { statusSig: false, statusMessage: "Open to everyone: " + [...new Set(open.flatMap((s) => s.Action))].join(", ") } : { statusSig: true };
};
