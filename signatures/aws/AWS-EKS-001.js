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
  const vpc = (await clusterOf(apiCaller, resource)).resourcesVpcConfig || {};
  if (vpc.endpointPublicAccess === false) return { statusSig: true, statusMessage: "Private endpoint only" };
  const cidrs = vpc.publicAccessCidrs || ["0.0.0.0/0"];  // AWS's default when public access is on
  const world = cidrs.filter((c) => c === "0.0.0.0/0" || c === "::/0");
  return world.length ? { statusSig: false, statusMessage: "Public endpoint open to " + world.join(", ") } : { statusSig: true, statusMessage: "Public endpoint limited to " + cidrs.join(", ") };
};
