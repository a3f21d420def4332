// CIS Google Cloud 2.1 (v4.0 and v5.0): the project's IAM policy (auditConfigs) logs ADMIN_READ,
// DATA_READ and DATA_WRITE for allServices and exempts nobody, for allServices or any single
// service. As in CIS's audit procedure, the project's own policy is read: configuration set on
// a folder or the organization is inherited too, but reading it needs rights there that a
// project's scanner often lacks. resource.data.iamPolicy is the policy as the inventory read it;
// it is read again only when absent (a hand-written resource).
const TYPES = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"];

module.exports = async function (apiCaller, resource, lib) {
  const policy = await lib.gcp.projectPolicy(apiCaller, resource);
  const logged = new Set(), exempted = [];
  for (const config of (policy && policy.auditConfigs) || [])
    for (const log of config.auditLogConfigs || []) {
      if (config.service === "allServices" && TYPES.includes(log.logType)) logged.add(log.logType);
      for (const m of log.exemptedMembers || []) exempted.push(m + " (" + log.logType + " of " + config.service + ")");
    }
  const missing = TYPES.filter((t) => !logged.has(t));
  const problems = [];
  if (missing.length) problems.push("allServices does not log " + missing.join(", "));
  if (exempted.length) problems.push("exempted: " + exempted.join(", "));
  if (problems.length) return { statusSig: false, statusMessage: "Project " + resource.accountId + ": " + problems.join("; ") };
  return { statusSig: true, statusMessage: "Project " + resource.accountId + " logs " + TYPES.join(", ") + " for all services, with no exempted principal" };
};
