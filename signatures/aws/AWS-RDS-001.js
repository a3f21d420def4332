// resource.data is the instance as DescribeDBInstances listed it; describe it only when the data
// is not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let db = resource.data || {};
  if (!db.DBInstanceIdentifier) {
    const res = await apiCaller({ service: "RDS", endpoint: "describeDBInstances", params: { DBInstanceIdentifier: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    db = apiResponse[0];
  }
  return db.StorageEncrypted ? { statusSig: true } : { statusSig: false };
};
