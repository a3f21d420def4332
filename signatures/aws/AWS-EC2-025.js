// resource.data is the snapshot as DescribeSnapshots listed it; describe it only when the data is
// not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let snapshot = resource.data || {};
  if (!snapshot.SnapshotId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeSnapshots", params: { SnapshotIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    snapshot = apiResponse[0];
  }
  return snapshot.Encrypted ? { statusSig: true } : { statusSig: false };
};
