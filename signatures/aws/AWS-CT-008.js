const EVERYONE = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

// resource.data is the trail as DescribeTrails listed it (S3BucketName); described only when it is
// not. The bucket is public when its public access block does not stop it and its ACL grants
// everyone (GetBucketAcl) or its policy opens it to everyone (GetBucketPolicy).
async function trailOf(apiCaller, resource) {
  if (resource.data && resource.data.TrailARN) return resource.data;
  const res = await apiCaller({ service: "CloudTrail", endpoint: "describeTrails", params: { trailNameList: [resource.arn] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.trailList.find((t) => t.TrailARN === resource.arn);
}

module.exports = async function (apiCaller, resource, lib) {
  const trail = (await trailOf(apiCaller, resource)) || {};
  const bucket = trail.S3BucketName;
  if (!bucket) return { statusSig: false, statusMessage: "The trail delivers to no S3 bucket" };
  const block = await apiCaller({ service: "S3", endpoint: "getPublicAccessBlock", params: { Bucket: bucket } });
  const blockError = block[0][0].error;
  if (blockError && blockError.code !== "NoSuchPublicAccessBlockConfiguration") throw new Error(blockError.code + ": " + blockError.message + " (bucket " + bucket + ")");
  const settings = blockError ? {} : block[0][0].apiResponse.PublicAccessBlockConfiguration || {};
  const why = [];
  if (!settings.IgnorePublicAcls) {
    const acl = await apiCaller({ service: "S3", endpoint: "getBucketAcl", params: { Bucket: bucket } });
    if (acl[0][0].error) throw new Error(acl[0][0].error.code + ": " + acl[0][0].error.message + " (bucket " + bucket + ")");
    const grants = (acl[0][0].apiResponse.Grants || []).filter((g) => EVERYONE.includes((g.Grantee || {}).URI));
    for (const g of grants) why.push("ACL grants " + g.Permission + " to " + g.Grantee.URI.split("/").pop());
  }
  if (!settings.RestrictPublicBuckets) {
    const policy = await apiCaller({ service: "S3", endpoint: "getBucketPolicy", params: { Bucket: bucket } });
    const policyError = policy[0][0].error;
    if (policyError && policyError.code !== "NoSuchBucketPolicy") throw new Error(policyError.code + ": " + policyError.message + " (bucket " + bucket + ")");
    if (!policyError && lib.iam.isPublic(policy[0][0].apiResponse.Policy)) why.push("the bucket policy opens it to everyone");
  }
  return why.length ? { statusSig: false, statusMessage: bucket + ": " + why.join("; ") } : { statusSig: true };
};
