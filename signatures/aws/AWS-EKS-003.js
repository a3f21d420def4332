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
  const configs = (await clusterOf(apiCaller, resource)).encryptionConfig || [];
  const secrets = configs.find((c) => (c.resources || []).includes("secrets") && c.provider && c.provider.keyArn);
  return secrets ? { statusSig: true, statusMessage: "Key " + secrets.provider.keyArn } : { statusSig: false };
};
