module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "AppSync", endpoint: "getApiCache", params: { apiId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NotFoundException") return { statusSig: true, statusMessage: "No cache" };
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.apiCache && apiResponse.apiCache.atRestEncryptionEnabled ? { statusSig: true } : { statusSig: false };
};
