module.exports = async function (apiCaller, resource) {
  const policy = resource.data;
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
