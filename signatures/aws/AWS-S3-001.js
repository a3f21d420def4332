module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getPublicAccessBlock", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchPublicAccessBlockConfiguration") return { statusSig: false, statusMessage: "No public access block is configured" };
  if (error) throw new Error(error.code + ": " + error.message);
  const c = apiResponse.PublicAccessBlockConfiguration;
  const off = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"].filter((k) => !c[k]);
  return off.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Off: " + off.join(", ") };
};
