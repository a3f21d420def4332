module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "EFS", endpoint: "describeFileSystemPolicy", params: { FileSystemId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "PolicyNotFound") return { statusSig: false, statusMessage: "No file system policy: every client that reaches a mount target may mount it" };
  if (error) throw new Error(error.code + ": " + error.message);
  const open = lib.iam.publicStatements(apiResponse.Policy);
  return open.length ? { statusSig: false, statusMessage: "The policy allows everyone " + open.map((s) => s.Action.join(", ")).join("; ") } : { statusSig: true };
};
