// Server firewall rules are address ranges. 0.0.0.0-0.0.0.0 is Azure's "Allow public access
// from any Azure service" switch: it admits every Azure resource, of any customer. A range of
// half the IPv4 space or more is as good as the whole Internet (lib.azure.firewallExposure
// finds both). A server with private (virtual network) access has no firewall rules.
module.exports = async function (apiCaller, resource, lib) {
  // Rules of a server whose public access is disabled wait for the day it is enabled again.
  const network = ((resource.data || {}).properties || {}).network || {};
  const inactive = network.publicNetworkAccess === "Disabled" ? " (inactive while public network access is disabled)" : "";
  const res = await apiCaller({ service: "Microsoft.DBforPostgreSQL", endpoint: "{id}/firewallRules", params: { id: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const problems = lib.azure.firewallExposure(apiResponse || []).map((r) => "'" + r.name + "' (" + r.range + ") lets in " + r.reach);
  if (problems.length === 0) return { statusSig: true, statusMessage: "No firewall rule admits the Internet or all of Azure" };
  return { statusSig: false, statusMessage: "Firewall rule " + problems.join("; ") + inactive };
};
