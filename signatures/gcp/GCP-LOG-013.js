// The project's audit configuration (auditConfigs of its IAM policy) logs DATA_READ and
// DATA_WRITE for Cloud Storage: under storage.googleapis.com or allServices, the two adding up.
// Principals exempted from them are named in the message (GCP-LOG-001 fails on exemptions). As
// in CIS's audit procedure, the project's own policy is read. resource.data.iamPolicy is the
// policy as the inventory read it; it is read again only when absent (a hand-written resource).
const TYPES = ["DATA_READ", "DATA_WRITE"];
const SERVICES = ["storage.googleapis.com", "allServices"];

module.exports = async function (apiCaller, resource, lib) {
  const policy = await lib.gcp.projectPolicy(apiCaller, resource);
  const logged = new Map(), exempted = [];  // log type -> the services that turn it on
  for (const config of (policy && policy.auditConfigs) || []) {
    if (!SERVICES.includes(config.service)) continue;
    for (const log of config.auditLogConfigs || []) {
      if (!TYPES.includes(log.logType)) continue;
      logged.set(log.logType, (logged.get(log.logType) || []).concat(config.service));
      for (const m of log.exemptedMembers || []) exempted.push(m + " (" + log.logType + ")");
    }
  }
  const missing = TYPES.filter((t) => !logged.has(t));
  const note = exempted.length ? "; exempted: " + exempted.join(", ") : "";
  if (missing.length) return { statusSig: false, statusMessage: "Project " + resource.accountId + " does not log " + missing.join(" or ") + " for Cloud Storage" + note };
  const via = TYPES.map((t) => t + " (" + [...new Set(logged.get(t))].join(", ") + ")");
  return { statusSig: true, statusMessage: "Project " + resource.accountId + " logs Cloud Storage " + via.join(" and ") + note };
};
