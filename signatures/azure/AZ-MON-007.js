// CIS 6.1.2.4: deleting a network security group removes every filter it applied.
module.exports = async function (apiCaller, resource, lib) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Insights", endpoint: "providers/Microsoft.Insights/activityLogAlerts" });
  if (error) throw new Error(error.code + ": " + error.message);
  const whole = [].concat(apiResponse || []).filter((a) => ((a.properties || {}).scopes || []).some((s) => String(s).toLowerCase() === "/subscriptions/" + String(resource.accountId).toLowerCase()));  // not a group's: it sees only that group
  const alert = lib.azure.activityLogAlert(whole, { operationName: "Microsoft.Network/networkSecurityGroups/delete" });
  if (alert) return { statusSig: true, statusMessage: "The activity log alert " + alert.name + " fires when a network security group is deleted" };
  return { statusSig: false, statusMessage: "No enabled activity log alert on the whole subscription fires when a network security group is deleted (Microsoft.Network/networkSecurityGroups/delete)" };
};
