// Federated sign-in is in place when the account trusts a SAML identity provider (IAM Identity
// Center creates one in every account it manages).
module.exports = async function (apiCaller) {
  const res = await apiCaller({ service: "IAM", endpoint: "listSAMLProviders" });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const providers = apiResponse.SAMLProviderList || [];
  return providers.length
    ? { statusSig: true, statusMessage: "SAML provider(s): " + providers.map((p) => p.Arn.split("/").pop()).join(", ") }
    : { statusSig: false };
};
