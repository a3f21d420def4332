// resource.data.publicAccessBlock is the account's setting, read once per scan (null when the
// account has none); a hand-written resource without it is asked here.
module.exports = async function (apiCaller, resource) {
  let block = resource.data ? resource.data.publicAccessBlock : undefined;
  if (block === undefined) {
    const res = await apiCaller({ service: "S3Control", endpoint: "getPublicAccessBlock", params: { AccountId: resource.accountId } });
    const { apiResponse, error } = res[0][0];
    if (error && error.code !== "NoSuchPublicAccessBlockConfiguration") throw new Error(error.code + ": " + error.message);
    block = error ? null : apiResponse.PublicAccessBlockConfiguration;
  }
  if (!block) return { statusSig: false, statusMessage: "The account has no block public access configuration" };
  const off = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"].filter((k) => !block[k]);
  return off.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Off: " + off.join(", ") };
};
