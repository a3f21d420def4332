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

const DEPRECATED = ["SSLv3", "TLSv1", "TLSv1.1"];

module.exports = async function (apiCaller, resource) {
  const weak = [];
  for (const o of items((await configOf(apiCaller, resource)).Origins)) {
    const protocols = items(o.CustomOriginConfig && o.CustomOriginConfig.OriginSslProtocols).filter((p) => DEPRECATED.includes(p));
    if (protocols.length) weak.push(o.Id + " (" + protocols.join(", ") + ")");
  }
  return weak.length ? { statusSig: false, statusMessage: weak.join(", ") } : { statusSig: true };
};
