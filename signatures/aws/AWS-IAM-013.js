module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "IAM", endpoint: "getServerCertificate", params: { ServerCertificateName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const expires = apiResponse.ServerCertificate.ServerCertificateMetadata.Expiration;
  return Date.parse(expires) > Date.now() ? { statusSig: true } : { statusSig: false, statusMessage: "Expired on " + expires };
};
