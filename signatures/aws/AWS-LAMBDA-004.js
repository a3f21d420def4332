// The function's URL configuration, or null when it has none.
async function urlOf(apiCaller, resource) {
  const res = await apiCaller({ service: "Lambda", endpoint: "getFunctionUrlConfig", params: { FunctionName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "ResourceNotFoundException") return null;
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}

module.exports = async function (apiCaller, resource) {
  const url = await urlOf(apiCaller, resource);
  if (!url) return { statusSig: true, statusMessage: "No function URL" };
  return url.AuthType === "NONE" ? { statusSig: false, statusMessage: url.FunctionUrl + " needs no authentication" } : { statusSig: true, statusMessage: "Auth type " + url.AuthType };
};
