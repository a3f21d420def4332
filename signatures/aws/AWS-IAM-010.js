module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "IAM", endpoint: "listEntitiesForPolicy",
                                params: { PolicyArn: "arn:aws:iam::aws:policy/AWSSupportAccess", EntityFilter: "Role" } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const roles = apiResponse.PolicyRoles || [];
  return roles.length ? { statusSig: true, statusMessage: "Support role: " + roles.map((r) => r.RoleName).join(", ") } : { statusSig: false };
};
