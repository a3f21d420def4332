module.exports = async function (apiCaller, resource) {
  const fs = await described(apiCaller, resource);
  if (fs.FileSystemType !== "WINDOWS") return { statusSig: true, statusMessage: "Not a Windows File Server file system" };
  const type = (fs.WindowsConfiguration || {}).DeploymentType;
  return type === "MULTI_AZ_1" ? { statusSig: true } : { statusSig: false, statusMessage: "Deployment type " + type };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.FileSystemType !== undefined) return resource.data;
  const res = await apiCaller({ service: "FSx", endpoint: "describeFileSystems", params: { FileSystemIds: [resource.id] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}
