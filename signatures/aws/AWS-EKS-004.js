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
  const logging = ((await clusterOf(apiCaller, resource)).logging || {}).clusterLogging || [];
  const on = [].concat(...logging.filter((l) => l.enabled).map((l) => l.types || []));
  return on.includes("audit") ? { statusSig: true, statusMessage: "Logging " + on.join(", ") } : { statusSig: false, statusMessage: on.length ? "Logging only " + on.join(", ") : "No control plane logging" };
};
