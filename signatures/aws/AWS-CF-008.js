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
  const behaviors = [config.DefaultCacheBehavior, ...items(config.CacheBehaviors)];
  const viewersHttps = behaviors.every((b) => b && b.ViewerProtocolPolicy !== "allow-all");
  const plain = items(config.Origins).filter((o) => {
    const policy = o.CustomOriginConfig && o.CustomOriginConfig.OriginProtocolPolicy;
    return policy === "http-only" || (policy === "match-viewer" && !viewersHttps);
  });
  return plain.length ? { statusSig: false, statusMessage: "Plain HTTP to " + plain.map((o) => o.Id).join(", ") } : { statusSig: true };
};
