// The master user names the engines' consoles and guides suggest, which attackers try first.
const DEFAULT_ADMINS = ["admin", "postgres", "root", "sa", "administrator", "master"];
module.exports = async function (apiCaller, resource) {
  const cluster = await described(apiCaller, resource);
  const name = cluster.MasterUsername || "";
  return DEFAULT_ADMINS.includes(name.toLowerCase()) ? { statusSig: false, statusMessage: "Master user: " + name } : { statusSig: true };
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
