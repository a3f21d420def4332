// signInAudience: AzureADMyOrg (this tenant only, the default for a new registration),
// AzureADMultipleOrgs (any Entra tenant), AzureADandPersonalMicrosoftAccount or
// PersonalMicrosoftAccount (also personal Microsoft accounts).
const WHO = {
  AzureADMultipleOrgs: "accounts of any Microsoft Entra tenant",
  AzureADandPersonalMicrosoftAccount: "accounts of any Microsoft Entra tenant and personal Microsoft accounts",
  PersonalMicrosoftAccount: "personal Microsoft accounts",
};

module.exports = async function (apiCaller, resource) {
  const audience = (resource.data || {}).signInAudience || "AzureADMyOrg";
  if (!WHO[audience]) return { statusSig: true, statusMessage: "Only accounts of this tenant can sign in to the application (" + audience + ")" };
  return { statusSig: false, statusMessage: "The application accepts sign-ins from " + WHO[audience] + " (signInAudience " + audience + ")" };
};
