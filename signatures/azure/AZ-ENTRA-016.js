// The Microsoft admin portals (Entra, Microsoft 365, Exchange, Intune, Azure portal, ...) are
// where a stolen administrator password does most harm. Security defaults count: they ask every
// administrator for MFA at each sign-in. Otherwise an enforced Conditional Access policy on the
// MicrosoftAdminPortals app (or all cloud apps) must reach the user (lib.entra.mfaCoverage).
module.exports = async function (apiCaller, resource, lib) {
  const user = await lib.entra.user(apiCaller, resource);
  const who = user.userPrincipalName || resource.name;
  const { covered, by, gaps } = await lib.entra.mfaCoverage(apiCaller, user, lib.entra.ADMIN_PORTALS);
  if (covered) return { statusSig: true, statusMessage: "The admin portals ask " + who + " for MFA (" + by + ")" };
  return {
    statusSig: false,
    statusMessage: who + " can open the Microsoft admin portals without MFA: " +
      (gaps.length ? gaps.join("; ") : "no enforced Conditional Access policy requiring MFA for the Microsoft Admin Portals includes the user"),
  };
};
