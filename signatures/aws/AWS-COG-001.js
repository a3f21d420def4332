// resource.data is the pool as DescribeUserPool described it (the inventory's detail call);
// asked only when missing. UserPoolAddOns.AdvancedSecurityMode: OFF, AUDIT or ENFORCED.
module.exports = async function (apiCaller, resource) {
  let pool = resource.data || {};
  if (!pool.Policies) {
    const res = await apiCaller({ service: "CognitoIdentityServiceProvider", endpoint: "describeUserPool", params: { UserPoolId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    pool = apiResponse.UserPool;
  }
  const mode = (pool.UserPoolAddOns || {}).AdvancedSecurityMode || "OFF";
  return mode === "ENFORCED" ? { statusSig: true } : { statusSig: false, statusMessage: "Threat protection mode is " + mode };
};
