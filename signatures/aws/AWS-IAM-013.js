// resource.data is the certificate's metadata as ListServerCertificates listed it, Expiration
// included; ask only when the data lacks it (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource, lib) {
  let expires = resource.data && resource.data.Expiration;
  if (!expires) {
    const res = await apiCaller({ service: "IAM", endpoint: "getServerCertificate", params: { ServerCertificateName: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    expires = apiResponse.ServerCertificate.ServerCertificateMetadata.Expiration;
  }
  return lib.time.daysUntil(expires) > 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Expired on " + expires };
};
