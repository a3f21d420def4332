module.exports = async function (apiCaller, resource) {
  const broker = await described(apiCaller, resource);
  if (broker.EngineType !== "RABBITMQ") return { statusSig: true, statusMessage: broker.EngineType + " brokers are checked by their own deployment check" };
  return broker.DeploymentMode === "CLUSTER_MULTI_AZ" ? { statusSig: true } : { statusSig: false, statusMessage: "Deployment mode " + broker.DeploymentMode };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.DeploymentMode !== undefined) return resource.data;
  const res = await apiCaller({ service: "MQ", endpoint: "describeBroker", params: { BrokerId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}
