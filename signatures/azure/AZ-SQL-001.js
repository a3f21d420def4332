// The server's auditing policy ("default") covers every database on the server, present and
// future; a database can also audit on its own, but that leaves the others unaudited.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "Microsoft.Sql", endpoint: "{id}/auditingSettings/default", params: { id: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error && error.statusCode === 404) return { statusSig: false, statusMessage: "The server has no auditing policy" };
  if (error) throw new Error(error.code + ": " + error.message);
  const policy = (apiResponse || {}).properties || {};
  if (policy.state !== "Enabled") return { statusSig: false, statusMessage: "Server auditing is " + (policy.state || "not set") };
  const targets = [];
  if (policy.storageEndpoint) targets.push("storage " + policy.storageEndpoint);
  // Log Analytics and Event Hubs targets are the server's diagnostic settings (SQLSecurityAuditEvents).
  if (policy.isAzureMonitorTargetEnabled) targets.push("Azure Monitor");
  return { statusSig: true, statusMessage: "Server auditing is on" + (targets.length ? ", to " + targets.join(" and ") : "") };
};
