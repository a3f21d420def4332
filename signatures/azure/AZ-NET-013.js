// CIS 7.10: a WAF SKU (WAF, WAF_v2) with a WAF policy whose state is Enabled, or with the legacy
// webApplicationFirewallConfiguration enabled. The policy is read by its id (one read per policy).
module.exports = async function (apiCaller, resource, lib) {
  const gateway = await lib.azure.item(apiCaller, resource);
  const props = gateway.properties || {};
  const tier = String((props.sku || {}).tier || "");
  if (!/^waf/i.test(tier)) return { statusSig: false, statusMessage: "The application gateway's tier is " + (tier || "unknown") + ", not a WAF tier" };
  const policyId = (props.firewallPolicy || {}).id;
  if (policyId) {
    const res = await apiCaller({ service: "Microsoft.Network", endpoint: "{id}", params: { id: policyId } });
    const { apiResponse, error } = res[0][0];
    if (error && error.statusCode === 404) return { statusSig: false, statusMessage: "The application gateway's WAF policy " + policyId + " does not exist" };
    if (error) throw new Error(error.code + ": " + error.message);
    const settings = ((apiResponse || {}).properties || {}).policySettings || {};
    const name = String(policyId).split("/").pop();
    if (String(settings.state || "").toLowerCase() !== "enabled")
      return { statusSig: false, statusMessage: "The application gateway's WAF policy " + name + " is " + (settings.state || "not enabled") };
    return { statusSig: true, statusMessage: "The application gateway's WAF policy " + name + " is enabled (" + (settings.mode || "mode not set") + " mode)" };
  }
  const legacy = props.webApplicationFirewallConfiguration || {};
  if (legacy.enabled === true) return { statusSig: true, statusMessage: "The application gateway's WAF configuration is enabled (" + (legacy.firewallMode || "mode not set") + " mode)" };
  return { statusSig: false, statusMessage: "The application gateway has a WAF tier but no WAF policy and no enabled WAF configuration" };
};
