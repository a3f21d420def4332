// publicNetworkAccess: "Enabled" (the default when absent), "Disabled", or "SecuredByPerimeter"
// (only what a network security perimeter allows).
module.exports = async function (apiCaller, resource) {
  const access = (((resource.data || {}).properties || {}).publicNetworkAccess) || "Enabled";
  return { statusSig: access !== "Enabled", statusMessage: "Public network access is " + access };
};
