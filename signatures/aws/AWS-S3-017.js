// resource.data is the access point as GetAccessPoint described it (catalog detail).
module.exports = async function (apiCaller, resource) {
  let block = resource.data && resource.data.PublicAccessBlockConfiguration;
  if (!block) {
    const res = await apiCaller({ service: "S3Control", endpoint: "getAccessPoint", params: { AccountId: resource.accountId, Name: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    block = apiResponse.PublicAccessBlockConfiguration || {};
  }
  const off = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"].filter((k) => !block[k]);
  return off.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Off: " + off.join(", ") };
};
