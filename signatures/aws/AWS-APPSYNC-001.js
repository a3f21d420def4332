// resource.data is the API as ListGraphqlApis listed it, its log settings included; describe it only
// when the data is not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let api = resource.data || {};
  if (!api.apiId) {
    const res = await apiCaller({ service: "AppSync", endpoint: "getGraphqlApi", params: { apiId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    api = apiResponse.graphqlApi;
  }
  const level = (api.logConfig && api.logConfig.fieldLogLevel) || "NONE";
  return level === "NONE" ? { statusSig: false } : { statusSig: true, statusMessage: "Field log level " + level };
};
