// resource.data is the policy as ListPolicies listed it (its default version's id); the document
// itself is not in the listing: GetPolicyVersion gives it.
module.exports = async function (apiCaller, resource) {
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
  let doc = apiResponse.PolicyVersion.Document;
  if (typeof doc === "string") doc = JSON.parse(decodeURIComponent(doc));
  const list = (v) => (Array.isArray(v) ? v : [v]);
  const admin = list(doc.Statement).some((s) => s.Effect === "Allow" && list(s.Action).includes("*") && list(s.Resource).includes("*"));
  if (!admin) return { statusSig: true };
  return { statusSig: false, statusMessage: "Allows * on * (" + (policy.AttachmentCount || 0) + " attachment(s))" };
};
