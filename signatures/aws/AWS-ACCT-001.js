// GetAlternateContact answers ResourceNotFoundException when no contact of that type is set.
module.exports = async function (apiCaller) {
  const res = await apiCaller({ service: "Account", endpoint: "getAlternateContact", params: { AlternateContactType: "SECURITY" } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "ResourceNotFoundException") return { statusSig: false };
  if (error) throw new Error(error.code + ": " + error.message);
  const contact = apiResponse.AlternateContact || {};
  return contact.EmailAddress ? { statusSig: true, statusMessage: "Security contact: " + contact.Name + " <" + contact.EmailAddress + ">" }
                              : { statusSig: false, statusMessage: "The security contact has no email address" };
};
