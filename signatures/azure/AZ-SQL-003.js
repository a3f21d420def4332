// Server firewall rules are address ranges. 0.0.0.0-0.0.0.0 is Azure's "Allow Azure services
// and resources to access this server" switch: it admits every Azure resource, of any
// customer. A range of half the IPv4 space or more is as good as the whole Internet
// (lib.azure.firewallExposure finds both).
module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "Microsoft.Sql", endpoint: "{id}/firewallRules", params: { id: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const open = lib.azure.firewallExposure(apiResponse || []);
  if (open.length === 0) return { statusSig: true, statusMessage: "No firewall rule admits the Internet or all of Azure" };
  // A rule on a server without public access waits for the day public access is turned back on.
  const off = ((resource.data || {}).properties || {}).publicNetworkAccess === "Disabled" ? " (inactive while public network access is disabled)" : "";
  return { statusSig: false, statusMessage: "Firewall rule " + open.map((r) => "'" + r.name + "' (" + r.range + ") lets in " + r.reach).join("; ") + off };
};
