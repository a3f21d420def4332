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
  const settings = (await stageOf(apiCaller, resource)).methodSettings || {};
  const logs = (s) => s && ["ERROR", "INFO"].includes(s.loggingLevel);
  if (!logs(settings["*/*"])) {
    // Without a stage-wide setting, only methods with their own setting log.
    return { statusSig: false, statusMessage: "The stage-wide (*/*) logging level is " + ((settings["*/*"] || {}).loggingLevel || "OFF") };
  }
  const off = Object.keys(settings).filter((m) => !logs(settings[m]));
  return off.length ? { statusSig: false, statusMessage: "Logging off for " + off.join(", ") } : { statusSig: true };
};
