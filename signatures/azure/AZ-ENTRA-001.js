// A user is asked for MFA at every sign-in when security defaults are on, or when an enforced
// Conditional Access policy requires MFA on all cloud apps for every client and applies to the
// user (directly, through a group or a directory role, or as a guest) without excluding them.
// lib.entra.mfaCoverage judges the policies (the same judgement AZ-ENTRA-002/016 make per app).
module.exports = async function (apiCaller, resource, lib) {
  const user = await lib.entra.user(apiCaller, resource);
  const upn = user.userPrincipalName || resource.name;
  const { covered, by, gaps } = await lib.entra.mfaCoverage(apiCaller, user);
  if (covered) return { statusSig: true, statusMessage: upn + " must use MFA at every sign-in (" + by + ")" };
  return {
    statusSig: false,
    statusMessage: "Nothing requires MFA for " + upn + (user.accountEnabled === false ? " (account disabled)" : "") +
      " at every sign-in: security defaults are off and no enforced Conditional Access policy covers the user on all cloud apps" +
      (gaps.length ? " (" + gaps.join("; ") + ")" : ""),
  };
};
