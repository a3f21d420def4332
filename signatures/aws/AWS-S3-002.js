module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketPolicy", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchBucketPolicy") return { statusSig: false, statusMessage: "The bucket has no policy" };
  if (error) throw new Error(error.code + ": " + error.message);
  // A Deny whose condition is aws:SecureTransport false (condition keys ignore case).
  const overHttp = (s) => Object.entries(s.Condition.Bool || {}).some(([key, values]) =>
    key.toLowerCase() === "aws:securetransport" && values.some((v) => v.toLowerCase() === "false"));
  const denies = lib.iam.parse(apiResponse.Policy).Statement.some((s) => s.Effect === "Deny" && overHttp(s));
  return denies ? { statusSig: true } : { statusSig: false };
};
