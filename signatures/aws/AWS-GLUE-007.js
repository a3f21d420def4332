// resource.data is the region's GetDataCatalogEncryptionSettings answer (one resource per region).
module.exports = async function (apiCaller, resource) {
  let settings = resource.data && resource.data.DataCatalogEncryptionSettings;
  if (!settings) {
    const res = await apiCaller({ service: "Glue", endpoint: "getDataCatalogEncryptionSettings", params: {}, serviceParams: { region: resource.region } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    settings = apiResponse.DataCatalogEncryptionSettings;
  }
  return (settings.ConnectionPasswordEncryption || {}).ReturnConnectionPasswordEncrypted ? { statusSig: true } : { statusSig: false };
};
