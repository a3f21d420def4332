// CIS 7.12: the minimum TLS version of the gateway's sslPolicy and of each SSL profile's. Predefined
// policies have fixed minimums; Custom and CustomV2 give minProtocolVersion. Without an sslPolicy the
// gateway uses a default that depends on the API version it was created with: AppGwSslPolicy20150501
// (TLS 1.0) before 2023-02-01, so it fails until a policy is set explicitly.
const PREDEFINED = { appgwsslpolicy20150501: "TLSv1_0", appgwsslpolicy20170401: "TLSv1_1", appgwsslpolicy20170401s: "TLSv1_2",
  appgwsslpolicy20220101: "TLSv1_2", appgwsslpolicy20220101s: "TLSv1_2" };

module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  // [where, minimum version or null when unknown, policy label]
  const judge = (where, policy) => {
    if (!policy || (!policy.policyType && !policy.policyName && !policy.minProtocolVersion))
      return [where, "TLSv1_0", "no TLS policy set (gateways created before API 2023-02-01 default to AppGwSslPolicy20150501)"];
    if (/^predefined$/i.test(policy.policyType || "") || (!policy.policyType && policy.policyName)) {
      const min = PREDEFINED[String(policy.policyName || "").toLowerCase()] || null;
      return [where, min, "predefined policy " + policy.policyName];
    }
    return [where, policy.minProtocolVersion || "TLSv1_0", (policy.policyType || "custom") + " policy with minimum " + (policy.minProtocolVersion || "not set")];
  };
  const checks = [judge("The gateway", props.sslPolicy)];
  for (const profile of props.sslProfiles || []) {
    const p = (profile.properties || {}).sslPolicy;
    if (p) checks.push(judge("Its SSL profile " + profile.name, p));
  }
  const weak = checks.filter(([, min]) => min && !lib.azure.tlsAtLeast(min, "1.2"));
  const unknown = checks.filter(([, min]) => !min);
  if (weak.length) return { statusSig: false, statusMessage: weak.map(([where, min, label]) => where + " accepts " + min + " (" + label + ")").join("; ") };
  if (unknown.length) return { statusSig: false, statusMessage: unknown.map(([where, , label]) => where + " uses the " + label + ", whose minimum TLS version is unknown to this check").join("; ") };
  return { statusSig: true, statusMessage: checks.map(([where, min, label]) => where + ": " + min + " or later (" + label + ")").join("; ") };
};
