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
  const groups = items((await configOf(apiCaller, resource)).OriginGroups);
  const failover = groups.find((g) => items(g.Members).length >= 2);
  return failover ? { statusSig: true, statusMessage: "Origin group " + failover.Id } : { statusSig: false };
};
