// resource.data is the region's GetMacieSession answer, or empty where the listing said Macie is
// off; asked again only when the data has no status (the answer is shared with the listing).
// AccessDeniedException "Macie is not enabled" and ResourceNotFoundException mean off.
module.exports = async function (apiCaller, resource) {
  let session = resource.data || {};
  if (!session.status) {
    const res = await apiCaller({ service: "Macie2", endpoint: "getMacieSession" });
    const { apiResponse, error } = res[0][0];
    if (error && (error.code === "ResourceNotFoundException" || (error.code === "AccessDeniedException" && /not enabled/i.test(error.message))))
      return { statusSig: false };
    if (error) throw new Error(error.code + ": " + error.message);
    session = apiResponse;
  }
  return session.status === "ENABLED" ? { statusSig: true } : { statusSig: false, statusMessage: "Macie is " + session.status };
};
