// The account's password policy (GetAccountPasswordPolicy); NoSuchEntity means none is set.
module.exports = async function (apiCaller) {
  const res = await apiCaller({ service: "IAM", endpoint: "getAccountPasswordPolicy" });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchEntity") return { statusSig: false, statusMessage: "No password policy is set" };
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.PasswordPolicy.RequireNumbers === true
    ? { statusSig: true }
    : { statusSig: false, statusMessage: "Passwords need not contain a number" };
};
