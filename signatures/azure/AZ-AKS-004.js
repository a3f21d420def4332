// networkProfile.networkPolicy: azure, calico or cilium; absent or "none" enforces no policy.
module.exports = async function (apiCaller, resource) {
  const network = (((resource.data || {}).properties || {}).networkProfile) || {};
  const policy = String(network.networkPolicy || "none");
  if (policy.toLowerCase() === "none") return { statusSig: false, statusMessage: "No network policy engine (network plugin " + (network.networkPlugin || "unknown") + "): every pod can reach every other" };
  return { statusSig: true, statusMessage: "Network policy engine: " + policy };
};
