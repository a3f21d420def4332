module.exports = async function (apiCaller) {
  const res = await apiCaller({ service: "IAM", endpoint: "getAccountPasswordPolicy" });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "NoSuchEntity") return { statusSig: false, statusMessage: "No password policy is set" };
  if (error) throw new Error(error.code + ": " + error.message);
  const remembered = apiResponse.PasswordPolicy.PasswordReusePrevention || 0;
  return remembered >= 24
    ? { statusSig: true }
    : { statusSig: false, statusMessage: "Remembers " + remembered + " previous password(s); 24 are required" };
};
