// Databricks delivers its audit logs (accounts, clusters, jobs, notebook, secrets, workspace,
// unityCatalog, ...) only through a diagnostic setting of the workspace: any category or category
// group (allLogs, audit) enabled, with a destination.
module.exports = async function (apiCaller, resource, lib) {
  const { delivered, undelivered } = await lib.azure.logDelivery(apiCaller, resource);
  if (delivered.length)
    return { statusSig: true, statusMessage: delivered.map((d) => "Diagnostic setting " + d.name + " delivers " + d.logs.join(", ") + " to " + d.destination).join("; ") };
  if (!undelivered.length) return { statusSig: false, statusMessage: "The workspace has no diagnostic setting: its audit logs are kept nowhere" };
  return { statusSig: false, statusMessage: "No diagnostic setting of the workspace delivers logs: " + undelivered.map((u) => u.name + " (" + u.why + ")").join(", ") };
};
