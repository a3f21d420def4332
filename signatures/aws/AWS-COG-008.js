// resource.data is the pool as DescribeIdentityPool described it (the inventory's detail call);
// asked only when missing.
module.exports = async function (apiCaller, resource) {
  let pool = resource.data || {};
  if (pool.AllowUnauthenticatedIdentities === undefined) {
    const res = await apiCaller({ service: "CognitoIdentity", endpoint: "describeIdentityPool", params: { IdentityPoolId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    pool = apiResponse;
  }
  return pool.AllowUnauthenticatedIdentities ? { statusSig: false } : { statusSig: true };
};
