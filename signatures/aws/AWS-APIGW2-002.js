// resource.data is the stage as GetStages listed it (ApiId added by the inventory); ask only when
// the data is not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let stage = resource.data || {};
  if (!stage.StageName) {
    const [ApiId, StageName] = resource.id.split("/");
    const res = await apiCaller({ service: "APIGatewayV2", endpoint: "getStage", params: { ApiId, StageName } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    stage = apiResponse;
  }
  const logs = stage.AccessLogSettings || {};
  return logs.DestinationArn ? { statusSig: true, statusMessage: "Logging to " + logs.DestinationArn } : { statusSig: false };
};
