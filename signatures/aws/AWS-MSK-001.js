module.exports = async function (apiCaller, resource) {
  const cluster = await described(apiCaller, resource);
  const provisioned = cluster.Provisioned;
  if (!provisioned) return { statusSig: true, statusMessage: "Serverless clusters always use TLS" };
  const transit = ((provisioned.EncryptionInfo || {}).EncryptionInTransit) || {};
  const clientBroker = transit.ClientBroker || "TLS";
  if (clientBroker === "TLS" && transit.InCluster !== false) return { statusSig: true };
  return { statusSig: false, statusMessage: "Client-broker: " + clientBroker + ", in-cluster: " + (transit.InCluster === false ? "off" : "on") };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.ClusterType !== undefined) return resource.data;
  const res = await apiCaller({ service: "Kafka", endpoint: "describeClusterV2", params: { ClusterArn: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.ClusterInfo;
}
