module.exports = async function (apiCaller) {
  const res = await apiCaller({ service: "IAM", endpoint: "listEntitiesForPolicy",
                                params: { PolicyArn: "arn:aws:iam::aws:policy/SecurityAudit", EntityFilter: "Role" } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const roles = apiResponse.PolicyRoles || [];
  return roles.length ? { statusSig: true, statusMessage: "Security audit role: " + roles.map((r) => r.RoleName).join(", ") } : { statusSig: false };
};
