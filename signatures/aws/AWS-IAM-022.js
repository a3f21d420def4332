module.exports = async function (apiCaller) {
  const res = await apiCaller({ service: "IAM", endpoint: "listEntitiesForPolicy",
                                params: { PolicyArn: "arn:aws:iam::aws:policy/AWSCloudShellFullAccess" } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const holders = (apiResponse.PolicyUsers || []).map((u) => "user " + u.UserName)
    .concat((apiResponse.PolicyGroups || []).map((g) => "group " + g.GroupName))
    .concat((apiResponse.PolicyRoles || []).map((r) => "role " + r.RoleName));
  return holders.length ? { statusSig: false, statusMessage: "Attached to " + holders.join(", ") } : { statusSig: true };
};
