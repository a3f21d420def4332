// AWS's AdministratorAccess managed policy, in any partition.
const isAdministratorAccess = (arn) => /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/.test(arn);

// The user's managed policies: from its authorization details (resource.data, made once per scan
// by the inventory), else ListAttachedUserPolicies.
module.exports = async function (apiCaller, resource) {
  const details = resource.data && resource.data.authorizationDetails;
  let attached;
  if (details && Array.isArray(details.AttachedManagedPolicies)) {
    attached = details.AttachedManagedPolicies;
  } else {
    const res = await apiCaller({ service: "IAM", endpoint: "listAttachedUserPolicies", params: { UserName: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    attached = apiResponse;
  }
  return attached.some((p) => isAdministratorAccess(p.PolicyArn)) ? { statusSig: false } : { statusSig: true };
};
