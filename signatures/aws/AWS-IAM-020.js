// The account's password policy (GetAccountPasswordPolicy); NoSuchEntity means none is set.
module.exports = async function (apiCaller) {
  const res = await apiCaller({ service: "IAM", endpoint: "getAccountPasswordPolicy" });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchEntity") return { statusSig: false, statusMessage: "No password policy is set" };
  if (error) throw new Error(error.code + ": " + error.message);
  const policy = apiResponse.PasswordPolicy;
  if (!policy.ExpirePasswords || !policy.MaxPasswordAge) return { statusSig: false, statusMessage: "Passwords never expire" };
  return policy.MaxPasswordAge <= 90
    ? { statusSig: true, statusMessage: "Passwords expire after " + policy.MaxPasswordAge + " days" }
    : { statusSig: false, statusMessage: "Passwords expire after " + policy.MaxPasswordAge + " days (90 or fewer required)" };
};
