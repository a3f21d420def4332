// resource.data is the snapshot as DescribeDBSnapshots listed it.
module.exports = async function (apiCaller, resource) {
  let snapshot = resource.data || {};
  if (snapshot.Encrypted === undefined) {
    const res = await apiCaller({ service: "RDS", endpoint: "describeDBSnapshots", params: { DBSnapshotIdentifier: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    snapshot = apiResponse[0];
  }
  return snapshot.Encrypted ? { statusSig: true } : { statusSig: false };
};
