// resource.data is the web ACL as GetWebACL gave it (the catalog's detail call); ask only when the
// data lacks its rules (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let acl = resource.data || {};
  if (!acl.Rules) {
    const res = await apiCaller({ service: "WAF", endpoint: "getWebACL", params: { WebACLId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    acl = apiResponse.WebACL;
  }
  return (acl.Rules || []).length ? { statusSig: true, statusMessage: acl.Rules.length + " rule(s)" } : { statusSig: false };
};
