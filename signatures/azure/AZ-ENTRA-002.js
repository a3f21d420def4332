// Azure management (the Azure portal, CLI, PowerShell and every Resource Manager client) signs
// in through the Windows Azure Service Management API. Each user must meet MFA there: through
// security defaults, which ask it of everyone managing Azure, or an enforced Conditional Access
// policy on that app (or all cloud apps) that reaches the user (lib.entra.mfaCoverage).
module.exports = async function (apiCaller, resource, lib) {
  const user = await lib.entra.user(apiCaller, resource);
  const who = user.userPrincipalName || resource.name;
  const verdict = await lib.entra.mfaCoverage(apiCaller, user, lib.entra.AZURE_MANAGEMENT);
  if (verdict.covered) return { statusSig: true, statusMessage: who + " must use MFA to manage Azure (" + verdict.by + ")" };
  const why = verdict.gaps.length ? verdict.gaps.join("; ") : "no enforced Conditional Access policy requiring MFA for the Windows Azure Service Management API includes the user";
  return { statusSig: false, statusMessage: who + " can manage Azure (portal, CLI, PowerShell) without MFA: " + why };
};
