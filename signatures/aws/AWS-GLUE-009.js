// resource.data is the connection as GetConnections listed it (passwords hidden).
module.exports = async function (apiCaller, resource) {
  let connection = resource.data || {};
  if (!connection.ConnectionProperties) {
    const res = await apiCaller({ service: "Glue", endpoint: "getConnection", params: { Name: resource.name, HidePassword: true } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    connection = apiResponse.Connection;
  }
  const properties = connection.ConnectionProperties || {};
  if (connection.ConnectionType !== "JDBC" && !properties.JDBC_CONNECTION_URL) return { statusSig: true, statusMessage: connection.ConnectionType + " connections have no such setting" };
  return properties.JDBC_ENFORCE_SSL === "true" ? { statusSig: true } : { statusSig: false };
};
