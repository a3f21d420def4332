module.exports = async function (apiCaller, resource) {
  const cluster = await described(apiCaller, resource);
  // The log that records who did what: audit for MySQL engines, postgresql for PostgreSQL ones.
  const needed = /mysql|^aurora$/.test(cluster.Engine) ? "audit" : /postgres/.test(cluster.Engine) ? "postgresql" : null;
  const exported = cluster.EnabledCloudwatchLogsExports || [];
  if (needed ? exported.includes(needed) : exported.length > 0) return { statusSig: true, statusMessage: "Exported: " + exported.join(", ") };
  return { statusSig: false, statusMessage: needed ? "The " + needed + " log is not exported" : undefined };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.DBClusterIdentifier !== undefined) return resource.data;
  const res = await apiCaller({ service: "RDS", endpoint: "describeDBClusters", params: { DBClusterIdentifier: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}
