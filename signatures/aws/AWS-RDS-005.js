// Automated snapshots cannot be shared; manual ones are public when "all" may restore them.
module.exports = async function (apiCaller, resource) {
  if (resource.data && resource.data.SnapshotType === "automated") return { statusSig: true, statusMessage: "An automated snapshot cannot be shared" };
  const res = await apiCaller({ service: "RDS", endpoint: "describeDBClusterSnapshotAttributes", params: { DBClusterSnapshotIdentifier: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const restore = (apiResponse.DBClusterSnapshotAttributesResult.DBClusterSnapshotAttributes || []).find((a) => a.AttributeName === "restore");
  const accounts = (restore && restore.AttributeValues) || [];
  if (accounts.includes("all")) return { statusSig: false };
  return { statusSig: true, statusMessage: accounts.length ? "Shared with " + accounts.join(", ") : undefined };
};
