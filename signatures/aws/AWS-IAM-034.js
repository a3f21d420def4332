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

module.exports = async function (apiCaller, resource, lib) {
  const document = await documentOf(apiCaller, resource);
  return lib.iam.allows(document, "aws-marketplace:Subscribe", "*") ? { statusSig: false } : { statusSig: true };
};
