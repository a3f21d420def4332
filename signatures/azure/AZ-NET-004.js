// One result per resource group: the regions it uses are its own location and those of its
// virtual networks (the resources Network Watcher watches). A watcher counts once it is
// provisioned (provisioningState absent or Succeeded). Both listings are shared by the scan.
const region = (location) => String(location || "").toLowerCase().replace(/\s+/g, "");  // "East US" -> "eastus"

module.exports = async function (apiCaller, resource) {
  const list = async (endpoint) => {
    const res = await apiCaller({ service: "Microsoft.Network", endpoint });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    return Array.isArray(apiResponse) ? apiResponse : [];
  };
  const [watchers, networks] = await Promise.all([
    list("providers/Microsoft.Network/networkWatchers"),
    list("providers/Microsoft.Network/virtualNetworks"),
  ]);
  const group = resource.data || {};
  const name = group.name || resource.name;
  const inGroup = String(resource.id).toLowerCase() + "/";
  const used = new Set();
  const home = region(group.location || resource.region);
  if (home && home !== "global") used.add(home);
  for (const n of networks) if (String(n.id || "").toLowerCase().startsWith(inGroup) && region(n.location)) used.add(region(n.location));

  const watched = new Map();  // region -> watcher name
  for (const w of watchers) {
    const state = (w.properties || {}).provisioningState;
    if (state === undefined || state === "Succeeded") watched.set(region(w.location), w.name);
  }
  const missing = [...used].filter((r) => !watched.has(r));
  if (missing.length)
    return { statusSig: false, statusMessage: "No Network Watcher in " + missing.join(", ") + ", used by the resource group " + name };
  if (!used.size) return { statusSig: true, statusMessage: "The resource group " + name + " uses no region" };
  return { statusSig: true, statusMessage: "Network Watcher is enabled in " + [...used].map((r) => r + " (" + watched.get(r) + ")").join(", ") + ", used by the resource group " + name };
};
