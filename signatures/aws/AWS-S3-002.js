module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketPolicy", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchBucketPolicy") return { statusSig: false, statusMessage: "The bucket has no policy" };
  if (error) throw new Error(error.code + ": " + error.message);
  const doc = JSON.parse(apiResponse.Policy);
  const list = (v) => (Array.isArray(v) ? v : [v]);
  const denies = list(doc.Statement).some((s) => s.Effect === "Deny" && s.Condition && s.Condition.Bool &&
    String(s.Condition.Bool["aws:SecureTransport"]) === "false");
  return denies ? { statusSig: true } : { statusSig: false };
};
