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

// Known escalation paths: every action of a path allowed on every resource.
const PATHS = [
  ["iam:CreatePolicyVersion"], ["iam:SetDefaultPolicyVersion"], ["iam:CreateAccessKey"], ["iam:CreateLoginProfile"],
  ["iam:UpdateLoginProfile"], ["iam:AttachUserPolicy"], ["iam:AttachGroupPolicy"], ["iam:AttachRolePolicy"],
  ["iam:PutUserPolicy"], ["iam:PutGroupPolicy"], ["iam:PutRolePolicy"], ["iam:AddUserToGroup"],
  ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
  ["iam:PassRole", "ec2:RunInstances"],
  ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
  ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
  ["lambda:UpdateFunctionCode"],
  ["iam:PassRole", "glue:CreateDevEndpoint"], ["glue:UpdateDevEndpoint"],
  ["iam:PassRole", "cloudformation:CreateStack"],
  ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"],
  ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"],
  ["iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"],
  ["ssm:SendCommand"], ["ssm:StartSession"], ["ec2-instance-connect:SendSSHPublicKey"],
];

module.exports = async function (apiCaller, resource, lib) {
  const document = await documentOf(apiCaller, resource);
  const open = PATHS.filter((path) => path.every((action) => lib.iam.allows(document, action, "*")));
  if (open.length === 0) return { statusSig: true };
  const named = open.slice(0, 3).map((path) => path.join(" + "));
  return { statusSig: false, statusMessage: "Escalation: " + named.join("; ") + (open.length > 3 ? "; and " + (open.length - 3) + " more" : "") };
};
