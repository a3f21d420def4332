// CIS 8.4.1: at least one Bastion host in the subscription that finished provisioning
// (provisioningState absent or Succeeded).
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "Microsoft.Network", endpoint: "providers/Microsoft.Network/bastionHosts" });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const hosts = (Array.isArray(apiResponse) ? apiResponse : []).filter((h) => {
    const state = (h.properties || {}).provisioningState;
    return state === undefined || state === "Succeeded";
  });
  if (!hosts.length) return { statusSig: false, statusMessage: "The subscription has no Azure Bastion host" };
  return { statusSig: true, statusMessage: "The subscription has the Azure Bastion host(s) " + hosts.map((h) => h.name + " (" + h.location + ")").join(", ") };
};
