// AWS's AdministratorAccess managed policy, in any partition.
const isAdministratorAccess = (arn) => /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/.test(arn);

// The group's managed policies come from its authorization details (resource.data, made once per
// scan by the inventory), else ListAttachedGroupPolicies; its members from GetGroup, and each
// member's MFA devices from ListMFADevices.
module.exports = async function (apiCaller, resource) {
  const details = resource.data && resource.data.authorizationDetails;
  let attached;
  if (details && Array.isArray(details.AttachedManagedPolicies)) {
    attached = details.AttachedManagedPolicies;
  } else {
    const res = await apiCaller({ service: "IAM", endpoint: "listAttachedGroupPolicies", params: { GroupName: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    attached = apiResponse;
  }
  if (!attached.some((p) => isAdministratorAccess(p.PolicyArn))) return { statusSig: true, statusMessage: "The group has no AdministratorAccess" };

  const group = await apiCaller({ service: "IAM", endpoint: "getGroup", params: { GroupName: resource.name } });
  if (group[0][0].error) throw new Error(group[0][0].error.code + ": " + group[0][0].error.message);
  const answer = group[0][0].apiResponse;
  const members = Array.isArray(answer) ? answer : answer.Users || [];
  if (members.length === 0) return { statusSig: true, statusMessage: "The group has AdministratorAccess but no members" };
  const devices = await apiCaller({ service: "IAM", endpoint: "listMFADevices", params: members.map((u) => ({ UserName: u.UserName })) });
  const without = [];
  devices[0].forEach((r, i) => {
    if (r.error) throw new Error(r.error.code + ": " + r.error.message + " (user " + members[i].UserName + ")");
    if (r.apiResponse.length === 0) without.push(members[i].UserName);
  });
  return without.length ? { statusSig: false, statusMessage: "Without MFA: " + without.join(", ") } : { statusSig: true };
};
