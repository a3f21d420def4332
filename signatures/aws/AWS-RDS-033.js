// resource.data is the proxy as DescribeDBProxies listed it.
module.exports = async function (apiCaller, resource) {
  let proxy = resource.data || {};
  if (proxy.RequireTLS === undefined) {
    const res = await apiCaller({ service: "RDS", endpoint: "describeDBProxies", params: { DBProxyName: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    proxy = apiResponse[0];
  }
  return proxy.RequireTLS ? { statusSig: true } : { statusSig: false };
};
