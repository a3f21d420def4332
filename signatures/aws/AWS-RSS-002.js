// resource.data is the namespace as ListNamespaces listed it.
module.exports = async function (apiCaller, resource) {
  let namespace = resource.data || {};
  if (namespace.logExports === undefined) {
    const res = await apiCaller({ service: "RedshiftServerless", endpoint: "getNamespace", params: { namespaceName: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    namespace = apiResponse.namespace;
  }
  const exported = namespace.logExports || [];
  const missing = ["connectionlog", "userlog"].filter((log) => !exported.includes(log));
  return missing.length === 0 ? { statusSig: true, statusMessage: "Exported: " + exported.join(", ") } : { statusSig: false, statusMessage: "Not exported: " + missing.join(", ") };
};
