// CIS 7.14: policySettings.requestBodyCheck; absent means it was never set, and it is judged off.
module.exports = async function (apiCaller, resource, lib) {
  const policy = await lib.azure.item(apiCaller, resource);
  const settings = (policy.properties || {}).policySettings || {};
  if (settings.requestBodyCheck === true)
    return { statusSig: true, statusMessage: "The WAF policy inspects request bodies" + (settings.requestBodyInspectLimitInKB ? " (first " + settings.requestBodyInspectLimitInKB + " KB)" : "") };
  return { statusSig: false, statusMessage: "The WAF policy does not inspect request bodies (requestBodyCheck " + (settings.requestBodyCheck === false ? "false" : "not set") + ")" };
};
