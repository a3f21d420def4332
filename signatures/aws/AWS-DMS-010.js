// resource.data is the certificate as DescribeCertificates listed it.
module.exports = async function (apiCaller, resource, lib) {
  let certificate = resource.data || {};
  if (!certificate.ValidToDate) {
    const res = await apiCaller({ service: "DMS", endpoint: "describeCertificates", params: { Filters: [{ Name: "certificate-id", Values: [resource.name] }] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    certificate = apiResponse[0] || {};
  }
  if (!certificate.ValidToDate) throw new Error("the certificate's expiry date is not known");
  const days = Math.floor(lib.time.daysUntil(certificate.ValidToDate));
  if (days < 0) return { statusSig: false, statusMessage: "Expired " + -days + " day(s) ago" };
  return days > 30 ? { statusSig: true, statusMessage: "Valid for " + days + " more days" } : { statusSig: false, statusMessage: "Expires in " + days + " day(s)" };
};
