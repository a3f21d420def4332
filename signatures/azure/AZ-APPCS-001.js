// publicNetworkAccess: Enabled, Disabled, or null: then public access is disabled once the
// store has a private endpoint, and enabled otherwise.
module.exports = async function (apiCaller, resource) {
  const p = (resource.data || {}).properties || {};
  const endpoints = (p.privateEndpointConnections || []).length;
  const access = p.publicNetworkAccess || (endpoints > 0 ? "Disabled" : "Enabled");
  return { statusSig: access === "Disabled", statusMessage: "Public network access is " + access + (p.publicNetworkAccess ? "" : " (not set: follows its " + endpoints + " private endpoint(s))") };
};
