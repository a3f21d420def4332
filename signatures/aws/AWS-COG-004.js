// resource.data is the pool as DescribeUserPool described it (Policies.PasswordPolicy); asked only when missing.
module.exports = async function (apiCaller, resource) {
  let pool = resource.data || {};
  if (!pool.Policies) {
    const res = await apiCaller({ service: "CognitoIdentityServiceProvider", endpoint: "describeUserPool", params: { UserPoolId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    pool = apiResponse.UserPool;
  }
  const policy = (pool.Policies || {}).PasswordPolicy || {};
  return policy.RequireUppercase === true ? { statusSig: true } : { statusSig: false, statusMessage: "Passwords need not contain an uppercase letter" };
};
