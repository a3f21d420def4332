// resource.data is the cluster as DescribeCluster gave it (the catalog's detail call); describe it
// only when the data lacks it (e.g. a hand-written resource in `signet test`).
async function clusterOf(apiCaller, resource) {
  if (resource.data && resource.data.arn) return resource.data;
  const res = await apiCaller({ service: "EKS", endpoint: "describeCluster", params: { name: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.cluster;
}

module.exports = async function (apiCaller, resource) {
  const version = (await clusterOf(apiCaller, resource)).version;
  // Which versions AWS supports, and how: one call per region, shared by every cluster.
  const res = await apiCaller({ service: "EKS", endpoint: "describeClusterVersions", params: { includeAll: true } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const known = apiResponse.find((v) => v.clusterVersion === version);
  if (!known) return { statusSig: false, statusMessage: "Version " + version + " is no longer supported" };
  const status = known.versionStatus || known.status;
  return status === "STANDARD_SUPPORT"
    ? { statusSig: true, statusMessage: "Version " + version + ", standard support until " + String(known.endOfStandardSupportDate).slice(0, 10) }
    : { statusSig: false, statusMessage: "Version " + version + " is in " + String(status).toLowerCase().replace(/_/g, " ") };
};
