// publicNetworkAccess: absent means Enabled.
module.exports = async function (apiCaller, resource) {
  const access = (((resource.data || {}).properties || {}).publicNetworkAccess) || "Enabled";
  return { statusSig: access === "Disabled", statusMessage: "Public network access is " + access };
};
