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

// Only attached AWS managed policies are listed (ListPolicies Scope AWS, OnlyAttached).
module.exports = async function (apiCaller, resource, lib) {
  const document = await documentOf(apiCaller, resource);
  if (!lib.iam.isAdmin(document)) return { statusSig: true };
  const count = (resource.data || {}).AttachmentCount;
  return { statusSig: false, statusMessage: "Allows * on * and is attached " + (count === undefined ? "" : count + " time(s)") };
};
