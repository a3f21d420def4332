// Microsoft Defender for SQL on the server: its security alert policy (advanced threat protection).
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "Microsoft.Sql", endpoint: "{id}/securityAlertPolicies/Default", params: { id: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error && error.statusCode !== 404) throw new Error(error.code + ": " + error.message);
  if (error) return { statusSig: false, statusMessage: "The server has no security alert policy" };  // 404
  const { state, disabledAlerts } = (apiResponse || {}).properties || {};
  if (state !== "Enabled") return { statusSig: false, statusMessage: "Microsoft Defender for SQL is " + (state || "not set") + " on the server" };
  const disabled = (Array.isArray(disabledAlerts) ? disabledAlerts : []).filter((a) => a);
  return { statusSig: true, statusMessage: "Microsoft Defender for SQL is on" + (disabled.length ? " (alerts turned off: " + disabled.join(", ") + ")" : "") };
};
