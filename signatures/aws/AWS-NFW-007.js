// resource.data is the rule group as DescribeRuleGroup gave it (the catalog's detail call); describe
// it only when the data lacks it (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let group = resource.data || {};
  if (!group.RuleGroupResponse) {
    const res = await apiCaller({ service: "NetworkFirewall", endpoint: "describeRuleGroup", params: { RuleGroupArn: resource.arn } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    group = apiResponse;
  }
  if (group.RuleGroupResponse.Type !== "STATELESS") return { statusSig: true, statusMessage: "A " + String(group.RuleGroupResponse.Type).toLowerCase() + " rule group" };
  const source = (group.RuleGroup && group.RuleGroup.RulesSource) || {};
  const rules = ((source.StatelessRulesAndCustomActions || {}).StatelessRules) || [];
  return rules.length ? { statusSig: true, statusMessage: rules.length + " rule(s)" } : { statusSig: false };
};
