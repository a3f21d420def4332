// The engine's parameter that refuses clear-text connections, and whether it is on by default.
const TLS_PARAMETER = { postgres: "rds.force_ssl", mysql: "require_secure_transport", mariadb: "require_secure_transport",
  "sqlserver-ee": "rds.force_ssl", "sqlserver-se": "rds.force_ssl", "sqlserver-ex": "rds.force_ssl", "sqlserver-web": "rds.force_ssl" };

module.exports = async function (apiCaller, resource) {
  const db = await described(apiCaller, resource);
  if (db.DBClusterIdentifier) return { statusSig: true, statusMessage: "Aurora instances take this setting from their cluster parameter group" };
  const parameter = TLS_PARAMETER[db.Engine];
  if (!parameter) return { statusSig: true, statusMessage: db.Engine + " has no such parameter; check its option group's SSL option" };
  const group = (db.DBParameterGroups || [])[0];
  if (!group) throw new Error("the instance names no parameter group");
  const res = await apiCaller({ service: "RDS", endpoint: "describeDBParameters", params: { DBParameterGroupName: group.DBParameterGroupName } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const found = apiResponse.find((p) => p.ParameterName === parameter);
  // PostgreSQL 15 and later force TLS unless told otherwise.
  const value = found && found.ParameterValue !== undefined ? found.ParameterValue
    : db.Engine === "postgres" && parseInt(db.EngineVersion, 10) >= 15 ? "1" : "0";
  const on = value === "1" || String(value).toUpperCase() === "ON";
  return { statusSig: on, statusMessage: parameter + " = " + value + " in " + group.DBParameterGroupName };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.DBInstanceIdentifier !== undefined) return resource.data;
  const res = await apiCaller({ service: "RDS", endpoint: "describeDBInstances", params: { DBInstanceIdentifier: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}
