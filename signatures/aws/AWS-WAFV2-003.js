// resource.data is the web ACL as GetWebACL gave it (the catalog's detail call), rules included;
// ask only when the data lacks them (e.g. a hand-written resource in `signet test`).
async function aclOf(apiCaller, resource) {
  if (resource.data && resource.data.Rules) return resource.data;
  const res = await apiCaller({ service: "WAFv2", endpoint: "getWebACL", params: { Name: resource.name, Id: resource.id, Scope: "REGIONAL" } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.WebACL;
}

module.exports = async function (apiCaller, resource) {
  const acl = await aclOf(apiCaller, resource);
  const silent = [];
  if (!(acl.VisibilityConfig && acl.VisibilityConfig.CloudWatchMetricsEnabled)) silent.push("the web ACL");
  for (const r of acl.Rules || []) if (!(r.VisibilityConfig && r.VisibilityConfig.CloudWatchMetricsEnabled)) silent.push(r.Name);
  return silent.length ? { statusSig: false, statusMessage: "No metrics: " + silent.join(", ") } : { statusSig: true };
};
