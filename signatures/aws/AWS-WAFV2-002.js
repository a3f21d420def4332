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
  const rules = (await aclOf(apiCaller, resource)).Rules || [];
  return rules.length ? { statusSig: true, statusMessage: rules.length + " rule(s)" } : { statusSig: false };
};
