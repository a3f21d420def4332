// CIS 6.1.2.2: deleting a policy assignment silently lifts the guardrails it enforced.
module.exports = async function (apiCaller, resource, lib) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Insights", endpoint: "providers/Microsoft.Insights/activityLogAlerts" });
  if (error) throw new Error(error.code + ": " + error.message);
  const whole = [].concat(apiResponse || []).filter((a) => ((a.properties || {}).scopes || []).some((s) => String(s).toLowerCase() === "/subscriptions/" + String(resource.accountId).toLowerCase()));  // not a group's: it sees only that group
  const alert = lib.azure.activityLogAlert(whole, { operationName: "Microsoft.Authorization/policyAssignments/delete" });
  if (alert) return { statusSig: true, statusMessage: "The activity log alert " + alert.name + " fires when a policy assignment is deleted" };
  return { statusSig: false, statusMessage: "No enabled activity log alert on the whole subscription fires when a policy assignment is deleted (Microsoft.Authorization/policyAssignments/delete)" };
};
