// networkAcls.bypass: a comma-separated list of Logging, Metrics, AzureServices, or None.
// Absent networkAcls (or bypass) means AzureServices, Azure's default.
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  const acls = props.networkAcls || {};
  const bypass = acls.bypass == null ? "AzureServices" : String(acls.bypass);
  const parts = bypass.split(",").map((s) => s.trim().toLowerCase());
  if (parts.includes("azureservices"))
    return { statusSig: true, statusMessage: "Trusted Microsoft services may reach the account (bypass: " + bypass + ")" };
  return { statusSig: false, statusMessage: "networkAcls.bypass is '" + (bypass || "None") + "': trusted Microsoft services (Backup, Monitor, Defender, ...) are blocked when the firewall denies" };
};
