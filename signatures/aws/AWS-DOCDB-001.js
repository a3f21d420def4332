module.exports = async function (apiCaller, resource) {
  const cluster = await described(apiCaller, resource);
  return cluster.StorageEncrypted ? { statusSig: true } : { statusSig: false };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.DBClusterIdentifier !== undefined) return resource.data;
  const res = await apiCaller({ service: "DocDB", endpoint: "describeDBClusters", params: { DBClusterIdentifier: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}
