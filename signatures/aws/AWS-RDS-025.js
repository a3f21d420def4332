const DEFAULT_PORTS = { mysql: 3306, mariadb: 3306, "aurora-mysql": 3306, aurora: 3306, postgres: 5432, "aurora-postgresql": 5432,
  "oracle-ee": 1521, "oracle-ee-cdb": 1521, "oracle-se2": 1521, "oracle-se2-cdb": 1521, "sqlserver-ee": 1433, "sqlserver-se": 1433,
  "sqlserver-ex": 1433, "sqlserver-web": 1433, "db2-se": 50000, "db2-ae": 50000 };
module.exports = async function (apiCaller, resource) {
  const db = await described(apiCaller, resource);
  const port = db.Endpoint ? db.Endpoint.Port : db.DbInstancePort;
  const usual = DEFAULT_PORTS[db.Engine];
  if (usual === undefined) return { statusSig: true, statusMessage: "No known default port for " + db.Engine };
  return port !== usual ? { statusSig: true, statusMessage: "Port " + port } : { statusSig: false, statusMessage: db.Engine + " on its default port " + port };
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
