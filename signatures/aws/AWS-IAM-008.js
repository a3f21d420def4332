module.exports = async function (apiCaller, resource) {
  // The inventory gives each user its authorization details (GetAccountAuthorizationDetails,
  // one call for the whole account); ask user by user only when they are missing.
  const details = resource.data && resource.data.authorizationDetails;
  let names;
  if (details && Array.isArray(details.AttachedManagedPolicies)) {
    names = (details.UserPolicyList || []).map((p) => p.PolicyName).concat(details.AttachedManagedPolicies.map((p) => p.PolicyName));
  } else {
    const [inline, attached] = await Promise.all([
      apiCaller({ service: "IAM", endpoint: "listUserPolicies", params: { UserName: resource.name } }),
      apiCaller({ service: "IAM", endpoint: "listAttachedUserPolicies", params: { UserName: resource.name } }),
    ]);
    for (const r of [inline[0][0], attached[0][0]]) if (r.error) throw new Error(r.error.code + ": " + r.error.message);
    names = inline[0][0].apiResponse.concat(attached[0][0].apiResponse.map((p) => p.PolicyName));
  }
  return names.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Attached directly: " + names.join(", ") };
};
