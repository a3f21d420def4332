module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EC2", endpoint: "getEbsEncryptionByDefault" });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.EbsEncryptionByDefault ? { statusSig: true } : { statusSig: false, statusMessage: "Off in " + resource.region };
};
