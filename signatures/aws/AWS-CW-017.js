// CloudWatch's console makes this role when sharing is turned on.
module.exports = async function (apiCaller) {
  const res = await apiCaller({ service: "IAM", endpoint: "getRole", params: { RoleName: "CloudWatch-CrossAccountSharingRole" } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchEntity") return { statusSig: true };
  if (error) throw new Error(error.code + ": " + error.message);
  let trust = apiResponse.Role.AssumeRolePolicyDocument || {};
  if (typeof trust === "string") trust = JSON.parse(decodeURIComponent(trust));
  const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const accounts = list(trust.Statement).flatMap((s) => list(s.Principal && s.Principal.AWS));
  return { statusSig: false, statusMessage: "CloudWatch-CrossAccountSharingRole trusts " + (accounts.join(", ") || "no AWS principal") };
};
