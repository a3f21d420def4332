module.exports = async function (apiCaller, resource, lib) {
  const block = await effectiveBlock(apiCaller, resource);
  const reasons = [];
  if (!block.IgnorePublicAcls) {
    const granted = (await publicGrants(apiCaller, resource)).filter((p) => ["READ", "READ_ACP", "FULL_CONTROL"].includes(p));
    if (granted.length) reasons.push("the ACL grants " + granted.join(", ") + " to everyone");
  }
  const policy = block.RestrictPublicBuckets ? null : await bucketPolicy(apiCaller, resource);
  if (policy) {
    // The public statements that allow any of the read actions on the bucket or its objects.
    const open = lib.iam.publicStatements(policy).filter((s) => ["s3:GetObject", "s3:ListBucket", "s3:GetObjectVersion", "s3:GetBucketAcl"].some((action) =>
      lib.iam.allows({ Statement: [s] }, action, "arn:aws:s3:::" + resource.name + "/key") ||
      lib.iam.allows({ Statement: [s] }, action, "arn:aws:s3:::" + resource.name)));
    if (open.length) reasons.push("the policy lets everyone " + "read" + (open[0].Sid ? " (" + open.map((s) => s.Sid || "no Sid").join(", ") + ")" : ""));
  }
  return reasons.length ? { statusSig: false, statusMessage: reasons.join("; ") } : { statusSig: true };
};

// Each block public access setting as it applies: on when the bucket or the account turns it on
// (the account's block is resource.data.accountPublicAccessBlock, read once per scan).
async function effectiveBlock(apiCaller, resource) {
  let account = resource.data ? resource.data.accountPublicAccessBlock : undefined;
  if (account === undefined) {
    const res = await apiCaller({ service: "S3Control", endpoint: "getPublicAccessBlock", params: { AccountId: resource.accountId } });
    const { apiResponse, error } = res[0][0];
    if (error && error.code !== "NoSuchPublicAccessBlockConfiguration") throw new Error(error.code + ": " + error.message);
    account = error ? null : apiResponse.PublicAccessBlockConfiguration;
  }
  const res = await apiCaller({ service: "S3", endpoint: "getPublicAccessBlock", params: { Bucket: resource.name }, serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code !== "NoSuchPublicAccessBlockConfiguration") throw new Error(error.code + ": " + error.message);
  const bucket = error ? {} : apiResponse.PublicAccessBlockConfiguration;
  const on = {};
  for (const k of ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]) on[k] = !!(bucket[k] || (account || {})[k]);
  return on;
}

// The bucket's policy, or null when it has none.
async function bucketPolicy(apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketPolicy", params: { Bucket: resource.name }, serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchBucketPolicy") return null;
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.Policy;
}

// The permissions the bucket's ACL grants to everyone or to every AWS account.
async function publicGrants(apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketAcl", params: { Bucket: resource.name }, serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const groups = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];
  return (apiResponse.Grants || []).filter((g) => g.Grantee && groups.includes(g.Grantee.URI)).map((g) => g.Permission);
}
