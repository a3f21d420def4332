// publicNetworkAccess (absent: Enabled), and with it networkAcls.defaultAction: Deny admits
// only the listed networks and private endpoints.
module.exports = async function (apiCaller, resource) {
  const p = (resource.data || {}).properties || {};
  if (p.publicNetworkAccess === "Disabled") return { statusSig: true, statusMessage: "Public network access is disabled" };
  const acls = p.networkAcls || {};
  if (acls.defaultAction === "Deny")
    return { statusSig: true, statusMessage: "Public network access is limited to " + (acls.ipRules || []).length + " IP rule(s) and " + (acls.virtualNetworkRules || []).length + " virtual network rule(s)" };
  return { statusSig: false, statusMessage: "The " + ((resource.data || {}).kind || "AI services") + " account accepts requests from all networks" };
};
