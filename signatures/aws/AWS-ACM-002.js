// resource.data is the certificate as ListCertificates listed it, merged with DescribeCertificate
// (KeyAlgorithm: RSA_1024, RSA_2048, ..., EC_prime256v1, ...); described only when missing.
module.exports = async function (apiCaller, resource) {
  let cert = resource.data || {};
  if (!cert.KeyAlgorithm) {
    const res = await apiCaller({ service: "ACM", endpoint: "describeCertificate", params: { CertificateArn: resource.arn } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    cert = apiResponse.Certificate;
  }
  const algorithm = cert.KeyAlgorithm || "";
  const rsa = /^RSA_(\d+)$/.exec(algorithm);
  if (rsa) return Number(rsa[1]) >= 2048 ? { statusSig: true, statusMessage: algorithm } : { statusSig: false, statusMessage: algorithm + " key" };
  return /^EC_/.test(algorithm) ? { statusSig: true, statusMessage: algorithm } : { statusSig: false, statusMessage: "Unknown key algorithm " + algorithm };
};
