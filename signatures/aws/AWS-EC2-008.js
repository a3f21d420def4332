module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EC2", endpoint: "describeSnapshotAttribute",
                                params: { SnapshotId: resource.id, Attribute: "createVolumePermission" } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const open = (apiResponse.CreateVolumePermissions || []).some((p) => p.Group === "all");
  return open ? { statusSig: false } : { statusSig: true };
};
