// resource.data is the pool as DescribeUserPool described it (Policies.PasswordPolicy); asked only when missing.
module.exports = async function (apiCaller, resource) {
  let pool = resource.data || {};
  if (!pool.Policies) {
    const res = await apiCaller({ service: "CognitoIdentityServiceProvider", endpoint: "describeUserPool", params: { UserPoolId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    pool = apiResponse.UserPool;
  }
  const length = ((pool.Policies || {}).PasswordPolicy || {}).MinimumLength || 0;
  return length >= 14 ? { statusSig: true, statusMessage: "Minimum length is " + length }
                      : { statusSig: false, statusMessage: "Minimum length is " + length + " (14 or more required)" };
};
