module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketLifecycleConfiguration", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchLifecycleConfiguration") return { statusSig: false, statusMessage: "The bucket has no lifecycle configuration" };
  if (error) throw new Error(error.code + ": " + error.message);
  const enabled = (apiResponse.Rules || []).filter((rule) => rule.Status === "Enabled");
  return enabled.length ? { statusSig: true, statusMessage: enabled.length + " lifecycle rule(s) enabled" } : { statusSig: false };
};
