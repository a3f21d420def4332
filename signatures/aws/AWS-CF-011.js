// resource.data is the distribution as ListDistributions listed it, merged with its configuration
// (GetDistributionConfig, the catalog's detail call); ask only when the data lacks the
// configuration (e.g. a hand-written resource in `signet test`).
async function configOf(apiCaller, resource) {
  if (resource.data && resource.data.CallerReference) return resource.data;
  const res = await apiCaller({ service: "CloudFront", endpoint: "getDistributionConfig", params: { Id: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.DistributionConfig;
}
const items = (list) => (list && list.Items) || [];

module.exports = async function (apiCaller, resource) {
  const s3 = items((await configOf(apiCaller, resource)).Origins).filter((o) => o.S3OriginConfig || /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(o.DomainName || ""));
  if (!s3.length) return { statusSig: true, statusMessage: "No S3 origin" };
  const without = s3.filter((o) => !o.OriginAccessControlId);
  return without.length ? { statusSig: false, statusMessage: "No origin access control on " + without.map((o) => o.Id).join(", ") } : { statusSig: true };
};
