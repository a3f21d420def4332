// Key Vault's data-plane operations (who read, used or changed which key, secret or
// certificate) are logged only when a diagnostic setting of the vault sends its AuditEvent
// category, or a category group that holds it ("audit" or "allLogs"), to a destination: a Log
// Analytics workspace, a storage account, an event hub or a partner solution.
module.exports = async function (apiCaller, resource, lib) {
  const { delivered, undelivered } = await lib.azure.logDelivery(apiCaller, resource, ["AuditEvent", "audit", "allLogs"]);
  if (delivered.length)
    return { statusSig: true, statusMessage: "Diagnostic setting " + delivered[0].name + " sends " + delivered[0].logs.join(" and ") + " logs to " + delivered[0].destination };
  if (!undelivered.length) return { statusSig: false, statusMessage: "The vault has no diagnostic setting: access to its keys and secrets is not logged" };
  return { statusSig: false, statusMessage: "No diagnostic setting of the vault logs its audit events: " + undelivered.map((u) => u.name + " (" + u.why + ")").join(", ") };
};
