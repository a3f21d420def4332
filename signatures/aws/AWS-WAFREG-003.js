module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "WAFRegional", endpoint: "listActivatedRulesInRuleGroup", params: { RuleGroupId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const rules = Array.isArray(apiResponse) ? apiResponse : apiResponse.ActivatedRules || [];
  return rules.length ? { statusSig: true, statusMessage: rules.length + " rule(s)" } : { statusSig: false };
};
