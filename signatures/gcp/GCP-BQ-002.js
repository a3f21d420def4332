// tables.list does not return a table's encryptionConfiguration, so it is read with tables.get.
module.exports = async function (apiCaller, resource) {
  let table = resource.data;
  if (table.type === "VIEW" || table.type === "EXTERNAL")
    return { statusSig: true, statusMessage: "A " + table.type.toLowerCase() + " stores no data in BigQuery" };
  if (!table.encryptionConfiguration) {
    const ref = table.tableReference;
    const [[{ apiResponse, error }]] = await apiCaller({
      service: "bigquery", serviceParams: { apiVersion: "v2" }, endpoint: "tables.get",
      params: { projectId: ref.projectId, datasetId: ref.datasetId, tableId: ref.tableId },
    });
    if (error) throw new Error(error.code + ": " + error.message);
    table = apiResponse;
  }
  const key = (table.encryptionConfiguration || {}).kmsKeyName;
  return { statusSig: !!key, statusMessage: key ? "Cloud KMS key " + key : "Google-managed encryption key" };
};
