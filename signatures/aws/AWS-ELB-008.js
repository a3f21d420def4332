// resource.data is the load balancer as DescribeLoadBalancers listed it; describe it only when the
// data is not that listing's item (e.g. a hand-written resource in `signet test`).
async function balancerOf(apiCaller, resource) {
  if (resource.data && resource.data.LoadBalancerName) return resource.data;
  const res = await apiCaller({ service: "ELB", endpoint: "describeLoadBalancers", params: { LoadBalancerNames: [resource.name] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

const TLS12_POLICIES = /^ELBSecurityPolicy-TLS-1-2-/;

module.exports = async function (apiCaller, resource) {
  const balancer = await balancerOf(apiCaller, resource);
  const secure = (balancer.ListenerDescriptions || []).filter((d) => ["HTTPS", "SSL"].includes(String(d.Listener.Protocol).toUpperCase()));
  if (!secure.length) return { statusSig: true, statusMessage: "No HTTPS or SSL listener" };
  const res = await apiCaller({ service: "ELB", endpoint: "describeLoadBalancerPolicies", params: { LoadBalancerName: balancer.LoadBalancerName } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const reference = {};  // policy name -> the predefined security policy it refers to
  for (const p of apiResponse.PolicyDescriptions || []) {
    const ref = (p.PolicyAttributeDescriptions || []).find((a) => a.AttributeName === "Reference-Security-Policy");
    if (p.PolicyTypeName === "SSLNegotiationPolicyType") reference[p.PolicyName] = ref ? ref.AttributeValue : "custom";
  }
  const weak = [];
  for (const d of secure) {
    const names = (d.PolicyNames || []).filter((n) => n in reference);
    const used = names.length ? reference[names[0]] : "the default policy";
    if (!TLS12_POLICIES.test(used)) weak.push(d.Listener.LoadBalancerPort + " (" + used + ")");
  }
  return weak.length ? { statusSig: false, statusMessage: "Older protocols allowed on port " + weak.join(", ") } : { statusSig: true };
};
