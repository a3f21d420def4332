// resource.data is the region's GetDataCatalogEncryptionSettings answer (one resource per region).
module.exports = async function (apiCaller, resource) {
  const settings = await catalogSettings(apiCaller, resource);
  const atRest = settings.EncryptionAtRest || {};
  return atRest.CatalogEncryptionMode && atRest.CatalogEncryptionMode !== "DISABLED"
    ? { statusSig: true, statusMessage: atRest.CatalogEncryptionMode + " with " + (atRest.SseAwsKmsKeyId || "the default key") } : { statusSig: false };
};

async function catalogSettings(apiCaller, resource) {
  if (resource.data && resource.data.DataCatalogEncryptionSettings) return resource.data.DataCatalogEncryptionSettings;
  const res = await apiCaller({ service: "Glue", endpoint: "getDataCatalogEncryptionSettings", params: {}, serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.DataCatalogEncryptionSettings;
}
