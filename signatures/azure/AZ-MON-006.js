// CIS 6.1.2.3: a new or changed network security group can open ports to the Internet.
module.exports = async function (apiCaller, resource, lib) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Insights", endpoint: "providers/Microsoft.Insights/activityLogAlerts" });
  if (error) throw new Error(error.code + ": " + error.message);
  const whole = [].concat(apiResponse || []).filter((a) => ((a.properties || {}).scopes || []).some((s) => String(s).toLowerCase() === "/subscriptions/" + String(resource.accountId).toLowerCase()));  // not a group's: it sees only that group
  const alert = lib.azure.activityLogAlert(whole, { operationName: "Microsoft.Network/networkSecurityGroups/write" });
  if (alert) return { statusSig: true, statusMessage: "The activity log alert " + alert.name + " fires when a network security group is created or updated" };
  return { statusSig: false, statusMessage: "No enabled activity log alert on the whole subscription fires when a network security group is created or updated (Microsoft.Network/networkSecurityGroups/write)" };
};
