module.exports = async function (apiCaller, resource) {
  const domain = await described(apiCaller, resource);
  const config = domain.ClusterConfig || {};
  const nodes = config.InstanceCount || 0;
  if (nodes >= 3 && config.ZoneAwarenessEnabled) return { statusSig: true, statusMessage: nodes + " data nodes with zone awareness" };
  return { statusSig: false, statusMessage: nodes + " data node(s), zone awareness " + (config.ZoneAwarenessEnabled ? "on" : "off") };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.DomainId !== undefined) return resource.data;
  const res = await apiCaller({ service: "OpenSearch", endpoint: "describeDomain", params: { DomainName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.DomainStatus;
}
