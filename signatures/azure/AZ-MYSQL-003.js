// audit_log_enabled must be on (the audit log written); a server without it fails.
module.exports = async function (apiCaller, resource, lib) {
  const value = await lib.azure.serverParameter(apiCaller, resource, "audit_log_enabled");
  if (value === null) return { statusSig: false, statusMessage: "The server has no parameter audit_log_enabled" };
  return { statusSig: value.toLowerCase() === "on", statusMessage: "audit_log_enabled is '" + value + "'" };
};
