// resource.data is the policy as DescribeFirewallPolicy gave it (the catalog's detail call:
// FirewallPolicy); describe it only when the data lacks it (e.g. a hand-written resource in `signet test`).
async function policyOf(apiCaller, resource) {
  if (resource.data && resource.data.FirewallPolicy) return resource.data.FirewallPolicy;
  const res = await apiCaller({ service: "NetworkFirewall", endpoint: "describeFirewallPolicy", params: { FirewallPolicyArn: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.FirewallPolicy;
}

module.exports = async function (apiCaller, resource) {
  const actions = (await policyOf(apiCaller, resource)).StatelessDefaultActions || [];
  return actions.some((a) => a === "aws:drop" || a === "aws:forward_to_sfe") ? { statusSig: true, statusMessage: actions.join(", ") } : { statusSig: false, statusMessage: actions.join(", ") || "No default action" };
};
