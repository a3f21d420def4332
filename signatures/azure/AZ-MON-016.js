// CIS 6.1.1.2: the categories an investigation needs, each enabled in a diagnostic setting that has a
// destination. A categoryGroup "allLogs" entry covers every category. Settings add up.
const NEEDED = ["Administrative", "Alert", "Policy", "Security"];

module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "Microsoft.Insights", endpoint: "providers/Microsoft.Insights/diagnosticSettings" });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const settings = (Array.isArray(apiResponse) ? apiResponse : []).filter((s) => {
    const p = s.properties || {};
    return p.workspaceId || p.storageAccountId || p.eventHubAuthorizationRuleId || p.marketplacePartnerId;
  });
  if (!settings.length) return { statusSig: false, statusMessage: "No diagnostic setting exports the subscription's activity log" };
  const exported = new Set();
  for (const s of settings)
    for (const log of (s.properties || {}).logs || []) {
      if (log.enabled !== true) continue;
      if (String(log.categoryGroup || "").toLowerCase() === "alllogs") NEEDED.forEach((c) => exported.add(c.toLowerCase()));
      if (log.category) exported.add(String(log.category).toLowerCase());
    }
  const missing = NEEDED.filter((c) => !exported.has(c.toLowerCase()));
  const names = settings.map((s) => s.name).join(", ");
  if (missing.length) return { statusSig: false, statusMessage: "The diagnostic setting(s) " + names + " leave out the " + missing.join(", ") + " categor" + (missing.length > 1 ? "ies" : "y") };
  return { statusSig: true, statusMessage: "The diagnostic setting(s) " + names + " export the " + NEEDED.join(", ") + " categories" };
};
