// publicNetworkAccess: Enabled (the default) or Disabled. A Premium registry left public but
// with networkRuleSet.defaultAction Deny answers only its allowed networks.
module.exports = async function (apiCaller, resource) {
  const p = (resource.data || {}).properties || {};
  if (p.publicNetworkAccess === "Disabled") return { statusSig: true, statusMessage: "Public network access is disabled" };
  const rules = p.networkRuleSet || {};
  if (rules.defaultAction === "Deny")
    return { statusSig: true, statusMessage: "Public network access is limited to " + (rules.ipRules || []).length + " allowed IP range(s)" };
  return { statusSig: false, statusMessage: "Public network access is enabled from all networks" };
};
