module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EFS", endpoint: "describeBackupPolicy", params: { FileSystemId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "PolicyNotFound") return { statusSig: false, statusMessage: "The file system has no backup policy" };
  if (error) throw new Error(error.code + ": " + error.message);
  const status = apiResponse.BackupPolicy.Status;
  return status === "ENABLED" ? { statusSig: true } : { statusSig: false, statusMessage: "Backup policy " + status };
};
