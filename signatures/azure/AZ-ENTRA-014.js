// Security defaults and Conditional Access exclude each other: a tenant that enforces its own
// Conditional Access policies has replaced security defaults on purpose (AZ-ENTRA-001 checks
// that those policies require MFA of everyone). Otherwise security defaults must be on.
module.exports = async function (apiCaller, resource) {
  if ((resource.data || {}).isEnabled === true) return { statusSig: true, statusMessage: "Security defaults are enabled" };
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Graph", endpoint: "identity/conditionalAccess/policies" });
  // 403: Conditional Access needs Entra ID P1, so a tenant without it has nothing to replace the
  // defaults (the Policy.Read.All that read the security defaults also reads Conditional Access;
  // the message names what was refused, in case the scanner holds a narrower permission).
  if (error && error.statusCode === 403)
    return { statusSig: false, statusMessage: "Security defaults are off and Conditional Access could not be read (" + error.code + ": " + error.message + ")" };
  if (error) throw new Error(error.code + ": " + error.message);
  const enforced = (apiResponse || []).filter((p) => p.state === "enabled");
  if (enforced.length)
    return { statusSig: true, statusMessage: "Security defaults are off; " + enforced.length + " enforced Conditional Access polic" + (enforced.length > 1 ? "ies protect" : "y protects") + " the tenant instead" };
  const idle = (apiResponse || []).map((p) => "'" + p.displayName + "' (" + p.state + ")");
  return { statusSig: false, statusMessage: "Security defaults are off and no Conditional Access policy is enforced" + (idle.length ? ": " + idle.join(", ") : "") };
};
