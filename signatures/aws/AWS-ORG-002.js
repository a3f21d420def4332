// The organization (resource.data, empty when the account belongs to none), its roots' enabled
// policy types (ListRoots) and where each tag policy is attached (ListTargetsForPolicy). Only the
// management account or a delegated administrator may list them; elsewhere the cloud's
// AccessDenied is the Error it is.
module.exports = async function (apiCaller, resource) {
  const org = resource.data && resource.data.Organization;
  if (resource.data && !org) return { statusSig: false, statusMessage: "The account belongs to no organization" };
  const roots = await apiCaller({ service: "Organizations", endpoint: "listRoots" });
  if (roots[0][0].error) {
    const { code, message } = roots[0][0].error;
    const where = org && org.MasterAccountId !== resource.accountId ? " (check it from the management account " + org.MasterAccountId + ")" : "";
    throw new Error(code + ": " + message + where);
  }
  const enabled = roots[0][0].apiResponse.some((r) => (r.PolicyTypes || []).some((t) => t.Type === "TAG_POLICY" && t.Status === "ENABLED"));
  if (!enabled) return { statusSig: false, statusMessage: "Tag policies are not enabled" };
  const policies = await apiCaller({ service: "Organizations", endpoint: "listPolicies", params: { Filter: "TAG_POLICY" } });
  if (policies[0][0].error) throw new Error(policies[0][0].error.code + ": " + policies[0][0].error.message);
  const list = policies[0][0].apiResponse;
  if (list.length === 0) return { statusSig: false, statusMessage: "No tag policy exists" };
  const targets = await apiCaller({ service: "Organizations", endpoint: "listTargetsForPolicy", params: list.map((p) => ({ PolicyId: p.Id })) });
  const attached = [];
  targets[0].forEach((r, i) => {
    if (r.error) throw new Error(r.error.code + ": " + r.error.message + " (policy " + list[i].Name + ")");
    if (r.apiResponse.length) attached.push(list[i].Name);
  });
  return attached.length ? { statusSig: true, statusMessage: "Attached: " + attached.join(", ") } : { statusSig: false, statusMessage: "No tag policy is attached" };
};
