module.exports = async function (apiCaller, resource) {
  let api = resource.data || {};
  if (!api.apiId) {
    const res = await apiCaller({ service: "AppSync", endpoint: "getGraphqlApi", params: { apiId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    api = apiResponse.graphqlApi;
  }
  const modes = [api.authenticationType, ...(api.additionalAuthenticationProviders || []).map((p) => p.authenticationType)];
  return modes.includes("API_KEY") ? { statusSig: false, statusMessage: "Modes: " + modes.join(", ") } : { statusSig: true, statusMessage: "Modes: " + modes.join(", ") };
};
