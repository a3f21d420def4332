// Key Vault's data-plane operations (who read, used or changed which key, secret or
// certificate) are logged only when a diagnostic setting of the vault sends its AuditEvent
// category, or a category group that holds it ("audit" or "allLogs"), to a destination: a Log
// Analytics workspace, a storage account, an event hub or a partner solution.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({
    service: "Microsoft.Insights",
    endpoint: "{id}/providers/Microsoft.Insights/diagnosticSettings",
    params: { id: resource.id },
  });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const settings = Array.isArray(apiResponse) ? apiResponse : [];
  if (!settings.length)
    return { statusSig: false, statusMessage: "The vault has no diagnostic setting: access to its keys and secrets is not logged" };

  const destination = (p) =>
    p.workspaceId ? "Log Analytics workspace " + String(p.workspaceId).split("/").pop()
      : p.storageAccountId ? "storage account " + String(p.storageAccountId).split("/").pop()
      : p.eventHubAuthorizationRuleId ? "event hub" + (p.eventHubName ? " " + p.eventHubName : "")
      : p.marketplacePartnerId ? "partner solution " + String(p.marketplacePartnerId).split("/").pop()
      : null;
  const audit = (p) => (Array.isArray(p.logs) ? p.logs : []).filter((l) => l && l.enabled === true).map((l) => l.category || l.categoryGroup || "")
    .filter((c) => ["auditevent", "audit", "alllogs"].includes(String(c).toLowerCase()));

  const problems = [];
  for (const s of settings) {
    const p = (s || {}).properties || {};
    const where = destination(p), what = audit(p);
    if (where && what.length)
      return { statusSig: true, statusMessage: "Diagnostic setting " + s.name + " sends " + what.join(" and ") + " logs to " + where };
    problems.push(s.name + (what.length ? " (no destination)" : " (neither AuditEvent nor the audit or allLogs group enabled)"));
  }
  return { statusSig: false, statusMessage: "No diagnostic setting of the vault logs its audit events: " + problems.join(", ") };
};
