module.exports = async function (apiCaller, resource) {
  const cluster = await described(apiCaller, resource);
  if (cluster.Engine === "memcached") return { statusSig: true, statusMessage: "Memcached keeps no data to back up" };
  const days = cluster.SnapshotRetentionLimit || 0;
  return days > 0 ? { statusSig: true, statusMessage: "Kept " + days + " day(s)" } : { statusSig: false };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.CacheClusterId !== undefined) return resource.data;
  const res = await apiCaller({ service: "ElastiCache", endpoint: "describeCacheClusters", params: { CacheClusterId: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}
