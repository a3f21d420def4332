// resource.data is the snapshot as DescribeDBClusterSnapshots listed it.
module.exports = async function (apiCaller, resource) {
  let snapshot = resource.data || {};
  if (snapshot.StorageEncrypted === undefined) {
    const res = await apiCaller({ service: "RDS", endpoint: "describeDBClusterSnapshots", params: { DBClusterSnapshotIdentifier: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    snapshot = apiResponse[0];
  }
  return snapshot.StorageEncrypted ? { statusSig: true } : { statusSig: false };
};
