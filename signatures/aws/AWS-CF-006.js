// resource.data is the distribution as ListDistributions listed it, merged with its configuration
// (GetDistributionConfig, the catalog's detail call); ask only when the data lacks the
// configuration (e.g. a hand-written resource in `signet test`).
async function configOf(apiCaller, resource) {
  if (resource.data && resource.data.CallerReference) return resource.data;
  const res = await apiCaller({ service: "CloudFront", endpoint: "getDistributionConfig", params: { Id: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.DistributionConfig;
}

module.exports = async function (apiCaller, resource) {
  const cert = (await configOf(apiCaller, resource)).ViewerCertificate || {};
  return cert.CloudFrontDefaultCertificate === false || cert.ACMCertificateArn || cert.IAMCertificateId ? { statusSig: true } : { statusSig: false };
};
