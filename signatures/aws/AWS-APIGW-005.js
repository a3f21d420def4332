// resource.data is the stage as GetStages listed it (restApiId added by the inventory); ask only
// when the data is not that listing's item (e.g. a hand-written resource in `signet test`).
async function stageOf(apiCaller, resource) {
  if (resource.data && resource.data.stageName) return resource.data;
  const [restApiId, stageName] = resource.id.split("/");
  const res = await apiCaller({ service: "APIGateway", endpoint: "getStage", params: { restApiId, stageName } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}

module.exports = async function (apiCaller, resource) {
  const stage = await stageOf(apiCaller, resource);
  if (!stage.cacheClusterEnabled) return { statusSig: true, statusMessage: "No cache" };
  const settings = stage.methodSettings || {};
  const plain = Object.keys(settings).filter((m) => settings[m].cachingEnabled && !settings[m].cacheDataEncrypted);
  return plain.length ? { statusSig: false, statusMessage: "Unencrypted cache for " + plain.join(", ") } : { statusSig: true };
};
