// resource.data is the policy as ListPolicies listed it (its default version's id); the document
// itself is not in the listing: GetPolicyVersion gives it (URL-encoded JSON, or an object).
async function documentOf(apiCaller, resource) {
  let policy = resource.data || {};
  if (!policy.DefaultVersionId) {
    const res = await apiCaller({ service: "IAM", endpoint: "getPolicy", params: { PolicyArn: resource.arn } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    policy = apiResponse.Policy;
  }
  const res = await apiCaller({ service: "IAM", endpoint: "getPolicyVersion", params: { PolicyArn: policy.Arn, VersionId: policy.DefaultVersionId } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.PolicyVersion.Document;
}

// lib.iam.allows answers for the literal action "kms:*": only "kms:*" itself, "*" or a NotAction that
// spares it match it, so any narrower grant passes.
module.exports = async function (apiCaller, resource, lib) {
  const document = await documentOf(apiCaller, resource);
  return lib.iam.allows(document, "kms:*", "*") ? { statusSig: false } : { statusSig: true };
};
