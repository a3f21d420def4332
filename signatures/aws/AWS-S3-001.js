// A setting counts as on when the bucket or the account turns it on.
module.exports = async function (apiCaller, resource) {
  const settings = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"];
  const account = await accountBlock(apiCaller, resource);
  const res = await apiCaller({ service: "S3", endpoint: "getPublicAccessBlock", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code !== "NoSuchPublicAccessBlockConfiguration") throw new Error(error.code + ": " + error.message);
  const bucket = error ? {} : apiResponse.PublicAccessBlockConfiguration;
  const off = settings.filter((k) => !bucket[k] && !account[k]);
  if (off.length > 0) return { statusSig: false, statusMessage: "Off for the bucket and the account: " + off.join(", ") };
  const fromAccount = settings.filter((k) => !bucket[k]);
  return { statusSig: true, statusMessage: fromAccount.length ? "On, " + fromAccount.join(", ") + " through the account's settings" : undefined };
};

// The account's block, read once per scan for every bucket (resource.data, catalog
// enrichment; null when the account has none); asked here when a resource lacks it.
async function accountBlock(apiCaller, resource) {
  const known = resource.data ? resource.data.accountPublicAccessBlock : undefined;
  if (known !== undefined) return known || {};
  const res = await apiCaller({ service: "S3Control", endpoint: "getPublicAccessBlock", params: { AccountId: resource.accountId } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchPublicAccessBlockConfiguration") return {};
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.PublicAccessBlockConfiguration;
}
