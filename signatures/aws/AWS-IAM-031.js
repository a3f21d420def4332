// The group's inline policies with their documents: from its authorization details (resource.data,
// made once per scan by the inventory), else listGroupPolicies and getGroupPolicy.
async function inlinePolicies(apiCaller, resource) {
  const details = resource.data && resource.data.authorizationDetails;
  if (details && Array.isArray(details.GroupPolicyList)) return details.GroupPolicyList;
  const names = await apiCaller({ service: "IAM", endpoint: "listGroupPolicies", params: { GroupName: resource.name } });
  if (names[0][0].error) throw new Error(names[0][0].error.code + ": " + names[0][0].error.message);
  if (names[0][0].apiResponse.length === 0) return [];
  const policies = await apiCaller({ service: "IAM", endpoint: "getGroupPolicy",
                                     params: names[0][0].apiResponse.map((name) => ({ GroupName: resource.name, PolicyName: name })) });
  return policies[0].map((r) => {
    if (r.error) throw new Error(r.error.code + ": " + r.error.message);
    return r.apiResponse;
  });
}

module.exports = async function (apiCaller, resource, lib) {
  const admin = (await inlinePolicies(apiCaller, resource)).filter((p) => lib.iam.isAdmin(p.PolicyDocument)).map((p) => p.PolicyName);
  return admin.length ? { statusSig: false, statusMessage: "Inline policy granting *:*: " + admin.join(", ") } : { statusSig: true };
};
