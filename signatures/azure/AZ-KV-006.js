// publicNetworkAccess: Enabled (the default when absent), Disabled, or SecuredByPerimeter (a
// network security perimeter's rules decide). Enabled with networkAcls.defaultAction Deny still
// leaves the public endpoint open to the firewall's IP and virtual network rules.
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  const value = String(props.publicNetworkAccess || "");
  if (value.toLowerCase() === "disabled")
    return { statusSig: true, statusMessage: "Public network access is Disabled: only private endpoints (and trusted Azure services, if allowed) reach the vault" };
  if (value.toLowerCase() === "securedbyperimeter")
    return { statusSig: true, statusMessage: "Public network access is SecuredByPerimeter: only the network security perimeter's rules admit public traffic" };
  const acls = props.networkAcls || {};
  const rules = (Array.isArray(acls.ipRules) ? acls.ipRules.length : 0) + (Array.isArray(acls.virtualNetworkRules) ? acls.virtualNetworkRules.length : 0);
  const firewall = String(acls.defaultAction || "Allow").toLowerCase() === "deny"
    ? " (its firewall admits " + rules + " IP or virtual network rule(s))"
    : " and its firewall allows all networks";
  return { statusSig: false, statusMessage: "Public network access is " + (value || "not set (Enabled)") + ": the vault's public endpoint is reachable" + firewall };
};
