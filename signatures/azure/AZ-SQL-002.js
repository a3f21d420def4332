// Retention of the server's audit logs. retentionDays governs the storage-account target only
// (0 keeps them forever); a Log Analytics or Event Hubs target keeps what its destination keeps.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "Microsoft.Sql", endpoint: "{id}/auditingSettings/default", params: { id: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error && error.statusCode !== 404) throw new Error(error.code + ": " + error.message);
  const policy = error ? null : (apiResponse || {}).properties || {};  // 404: no auditing policy
  const off = !policy ? "The server has no auditing policy" : policy.state !== "Enabled" ? "Server auditing is " + (policy.state || "not set") : "";
  if (off) return { statusSig: false, statusMessage: off + ", so no audit log is kept" };
  if (!policy.storageEndpoint)
    return { statusSig: true, statusMessage: "Audit logs go to Azure Monitor only: their retention is the destination's (keep the workspace at 90 days or more)" };
  const days = Number(policy.retentionDays || 0);
  if (days === 0) return { statusSig: true, statusMessage: "Audit logs in storage are kept without a time limit" };
  return { statusSig: days >= 90, statusMessage: "Audit logs in storage are kept " + days + " days" };
};
