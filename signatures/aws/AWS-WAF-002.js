// resource.data is the rule as GetRule gave it (the catalog's detail call); ask only when the data
// lacks its predicates (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let rule = resource.data || {};
  if (!rule.Predicates) {
    const res = await apiCaller({ service: "WAF", endpoint: "getRule", params: { RuleId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    rule = apiResponse.Rule;
  }
  return (rule.Predicates || []).length ? { statusSig: true, statusMessage: rule.Predicates.length + " condition(s)" } : { statusSig: false };
};
