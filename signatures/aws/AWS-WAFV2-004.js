// resource.data is the rule group as GetRuleGroup gave it (the catalog's detail call); ask only when
// the data lacks its rules (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let group = resource.data || {};
  if (!group.Rules) {
    const res = await apiCaller({ service: "WAFv2", endpoint: "getRuleGroup", params: { Name: resource.name, Id: resource.id, Scope: "REGIONAL" } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    group = apiResponse.RuleGroup;
  }
  const silent = [];
  if (!(group.VisibilityConfig && group.VisibilityConfig.CloudWatchMetricsEnabled)) silent.push("the rule group");
  for (const r of group.Rules || []) if (!(r.VisibilityConfig && r.VisibilityConfig.CloudWatchMetricsEnabled)) silent.push(r.Name);
  return silent.length ? { statusSig: false, statusMessage: "No metrics: " + silent.join(", ") } : { statusSig: true };
};
