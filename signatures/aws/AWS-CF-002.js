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
  const config = await configOf(apiCaller, resource);
  const behaviors = [{ PathPattern: "default", ...config.DefaultCacheBehavior }, ...items(config.CacheBehaviors)];
  const open = behaviors.filter((b) => b.ViewerProtocolPolicy === "allow-all");
  return open.length ? { statusSig: false, statusMessage: "HTTP allowed for " + open.map((b) => b.PathPattern).join(", ") } : { statusSig: true };
};
