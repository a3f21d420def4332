// resource.data is the pool as DescribeUserPool described it (MfaConfiguration: OFF, ON or
// OPTIONAL); asked only when missing.
module.exports = async function (apiCaller, resource) {
  let pool = resource.data || {};
  if (!pool.Policies) {
    const res = await apiCaller({ service: "CognitoIdentityServiceProvider", endpoint: "describeUserPool", params: { UserPoolId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    pool = apiResponse.UserPool;
  }
  const mfa = pool.MfaConfiguration || "OFF";
  return mfa === "ON" ? { statusSig: true } : { statusSig: false, statusMessage: "MFA is " + mfa };
};
