const DAY = 24 * 3600 * 1000;

// resource.data is the certificate as ListCertificates listed it, merged with DescribeCertificate
// (NotAfter); described only when missing. Certificates not issued yet have no expiry.
module.exports = async function (apiCaller, resource) {
  let cert = resource.data || {};
  if (!cert.Status) {
    const res = await apiCaller({ service: "ACM", endpoint: "describeCertificate", params: { CertificateArn: resource.arn } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    cert = apiResponse.Certificate;
  }
  if (!cert.NotAfter) return { statusSig: true, statusMessage: "Not issued yet (" + cert.Status + ")" };
  const days = Math.floor((Date.parse(cert.NotAfter) - Date.now()) / DAY);
  if (days < 0) return { statusSig: false, statusMessage: "Expired on " + cert.NotAfter };
  return days > 30 ? { statusSig: true, statusMessage: "Valid for " + days + " more days" }
                   : { statusSig: false, statusMessage: "Expires in " + days + " days (" + cert.NotAfter + ")" };
};
