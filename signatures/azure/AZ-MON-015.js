// CIS 6.1.1.1: a diagnostic setting of the subscription (its activity log) with a destination:
// a storage account, a Log Analytics workspace, an event hub or a partner solution.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "Microsoft.Insights", endpoint: "providers/Microsoft.Insights/diagnosticSettings" });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const last = (id) => String(id).split("/").pop();
  const exporting = [];
  for (const s of Array.isArray(apiResponse) ? apiResponse : []) {
    const p = s.properties || {};
    const to = [];
    if (p.workspaceId) to.push("workspace " + last(p.workspaceId));
    if (p.storageAccountId) to.push("storage account " + last(p.storageAccountId));
    if (p.eventHubAuthorizationRuleId) to.push("event hub" + (p.eventHubName ? " " + p.eventHubName : ""));
    if (p.marketplacePartnerId) to.push("partner " + last(p.marketplacePartnerId));
    if (to.length) exporting.push(s.name + " (to " + to.join(", ") + ")");
  }
  if (!exporting.length) return { statusSig: false, statusMessage: "No diagnostic setting exports the subscription's activity log" };
  return { statusSig: true, statusMessage: "The diagnostic setting(s) " + exporting.join("; ") + " export the subscription's activity log" };
};
