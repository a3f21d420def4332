// A Conditional Access policy that requires MFA only protects anyone when its state is
// "enabled": "enabledForReportingButNotEnforced" (report-only) logs what it would have done,
// and "disabled" does nothing. Policies that do not ask for MFA are not judged here.
module.exports = async function (apiCaller, resource, lib) {
  const p = resource.data || {};
  if (!lib.entra.requiresMfa(p)) return { statusSig: true, statusMessage: "'" + p.displayName + "' does not require MFA" };
  if (p.state === "enabled") return { statusSig: true, statusMessage: "'" + p.displayName + "' requires MFA and is enforced" };
  const state = p.state === "enabledForReportingButNotEnforced" ? "report-only" : p.state || "not enabled";
  return { statusSig: false, statusMessage: "'" + p.displayName + "' would require MFA but is " + state + ": nobody is asked for MFA by it" };
};
