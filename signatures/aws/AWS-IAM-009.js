// resource.data is the policy as ListPolicies listed it (its default version's id); the document
// itself is not in the listing: GetPolicyVersion gives it (URL-encoded JSON, or an object).
module.exports = async function (apiCaller, resource, lib) {
  let policy = resource.data || {};
  if (!policy.DefaultVersionId) {
    const res = await apiCaller({ service: "IAM", endpoint: "getPolicy", params: { PolicyArn: resource.arn } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    policy = apiResponse.Policy;
  }
  const res = await apiCaller({ service: "IAM", endpoint: "getPolicyVersion",
                                params: { PolicyArn: policy.Arn, VersionId: policy.DefaultVersionId } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  if (!lib.iam.isAdmin(apiResponse.PolicyVersion.Document)) return { statusSig: true };
  return { statusSig: false, statusMessage: "Allows * on * (" + (policy.AttachmentCount || 0) + " attachment(s))" };
};
