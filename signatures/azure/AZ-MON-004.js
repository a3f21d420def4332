// CIS 6.1.2.1: whoever creates or changes a policy assignment can exempt resources from guardrails or block deployments.
module.exports = async function (apiCaller, resource, lib) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Insights", endpoint: "providers/Microsoft.Insights/activityLogAlerts" });
  if (error) throw new Error(error.code + ": " + error.message);
  const whole = [].concat(apiResponse || []).filter((a) => ((a.properties || {}).scopes || []).some((s) => String(s).toLowerCase() === "/subscriptions/" + String(resource.accountId).toLowerCase()));  // not a group's: it sees only that group
  const alert = lib.azure.activityLogAlert(whole, { operationName: "Microsoft.Authorization/policyAssignments/write" });
  if (alert) return { statusSig: true, statusMessage: "The activity log alert " + alert.name + " fires when a policy assignment is created or updated" };
  return { statusSig: false, statusMessage: "No enabled activity log alert on the whole subscription fires when a policy assignment is created or updated (Microsoft.Authorization/policyAssignments/write)" };
};
