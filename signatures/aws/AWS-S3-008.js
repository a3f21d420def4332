// The actions that decide who can reach the bucket's data.
const CONTROL = ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketAcl", "s3:PutObjectAcl", "s3:PutEncryptionConfiguration"];

module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketPolicy", params: { Bucket: resource.name }, serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchBucketPolicy") return { statusSig: true, statusMessage: "The bucket has no policy" };
  if (error) throw new Error(error.code + ": " + error.message);
  const own = resource.accountId;
  const outsider = (p) => p.type === "AWS" && (p.value === "*" || (lib.arn.parse(/^\d{12}$/.test(p.value) ? "arn:aws:iam::" + p.value + ":root" : p.value).account !== own));
  const granted = [];
  for (const s of lib.iam.parse(apiResponse.Policy).Statement) {
    if (s.Effect !== "Allow" || !lib.iam.principals({ Statement: [s] }).some(outsider)) continue;
    for (const action of CONTROL)
      if (lib.iam.allows({ Statement: [s] }, action, "arn:aws:s3:::" + resource.name) || lib.iam.allows({ Statement: [s] }, action, "arn:aws:s3:::" + resource.name + "/key"))
        if (!granted.includes(action)) granted.push(action);
  }
  return granted.length ? { statusSig: false, statusMessage: "Other accounts may " + granted.join(", ") } : { statusSig: true };
};
