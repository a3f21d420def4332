module.exports = async function (apiCaller, resource) {
  const cluster = await described(apiCaller, resource);
  const group = (cluster.ClusterParameterGroups || [])[0];
  if (!group) throw new Error("the cluster names no parameter group");
  const res = await apiCaller({ service: "Redshift", endpoint: "describeClusterParameters", params: { ParameterGroupName: group.ParameterGroupName } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const ssl = apiResponse.find((p) => p.ParameterName === "require_ssl");
  const value = ssl ? String(ssl.ParameterValue) : "false";
  return { statusSig: value === "true", statusMessage: "require_ssl = " + value + " in " + group.ParameterGroupName };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.ClusterIdentifier !== undefined) return resource.data;
  const res = await apiCaller({ service: "Redshift", endpoint: "describeClusters", params: { ClusterIdentifier: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}
