module.exports = async function (apiCaller) {
  const res = await apiCaller({ service: "IAM", endpoint: "getAccountPasswordPolicy" });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchEntity") return { statusSig: false, statusMessage: "No password policy is set" };
  if (error) throw new Error(error.code + ": " + error.message);
  const length = apiResponse.PasswordPolicy.MinimumPasswordLength || 0;
  return length >= 14
    ? { statusSig: true, statusMessage: "Minimum length is " + length }
    : { statusSig: false, statusMessage: "Minimum length is " + length + " (14 or more required)" };
};
