// resource.data is the certificate as ListCertificates listed it, merged with DescribeCertificate
// (Type, Options); described only when missing. Imported certificates are logged, or not, by
// their own issuer.
module.exports = async function (apiCaller, resource) {
  let cert = resource.data || {};
  if (!cert.Type) {
    const res = await apiCaller({ service: "ACM", endpoint: "describeCertificate", params: { CertificateArn: resource.arn } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    cert = apiResponse.Certificate;
  }
  if (cert.Type === "IMPORTED") return { statusSig: true, statusMessage: "Imported: its issuer decides" };
  if (cert.Type === "PRIVATE") return { statusSig: true, statusMessage: "Private certificates are not logged publicly" };
  const preference = (cert.Options || {}).CertificateTransparencyLoggingPreference;
  return preference === "DISABLED" ? { statusSig: false } : { statusSig: true };
};
