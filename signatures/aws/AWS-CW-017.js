// CloudWatch's console makes this role when sharing is turned on; its trust policy names the
// accounts it shares with.
module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "IAM", endpoint: "getRole", params: { RoleName: "CloudWatch-CrossAccountSharingRole" } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchEntity") return { statusSig: true };
  if (error) throw new Error(error.code + ": " + error.message);
  const accounts = lib.iam.principals(apiResponse.Role.AssumeRolePolicyDocument).filter((p) => p.type === "AWS").map((p) => p.value);
  return { statusSig: false, statusMessage: "CloudWatch-CrossAccountSharingRole trusts " + (accounts.join(", ") || "no AWS principal") };
};
