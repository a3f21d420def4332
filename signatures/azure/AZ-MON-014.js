// CIS 6.1.2.11: Azure incidents, maintenance and advisories reach the team only through an alert on the
// ServiceHealth category; one that also narrows the incident types or regions still counts.
module.exports = async function (apiCaller, resource, lib) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Insights", endpoint: "providers/Microsoft.Insights/activityLogAlerts" });
  if (error) throw new Error(error.code + ": " + error.message);
  const mine = [].concat(apiResponse || []).filter((a) => ((a.properties || {}).scopes || []).some((s) => String(s).toLowerCase() === "/subscriptions/" + String(resource.accountId).toLowerCase()));
  const alert = lib.azure.activityLogAlert(mine, { category: "ServiceHealth" });
  if (!alert) return { statusSig: false, statusMessage: "No enabled activity log alert on the subscription fires on Service Health events (category ServiceHealth)" };
  return { statusSig: true, statusMessage: "The activity log alert " + alert.name + " fires on the subscription's Service Health events" };
};
