// resource.data is the region's GetEbsEncryptionByDefault answer; ask only when the data does not
// say (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let settings = resource.data || {};
  if (typeof settings.EbsEncryptionByDefault !== "boolean") {
    const res = await apiCaller({ service: "EC2", endpoint: "getEbsEncryptionByDefault" });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    settings = apiResponse;
  }
  return settings.EbsEncryptionByDefault ? { statusSig: true } : { statusSig: false, statusMessage: "Off in " + resource.region };
};
