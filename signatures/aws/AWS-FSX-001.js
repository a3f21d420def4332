module.exports = async function (apiCaller, resource) {
  const fs = await described(apiCaller, resource);
  const config = fs.LustreConfiguration || fs.WindowsConfiguration || fs.OpenZFSConfiguration;
  if (!config) return { statusSig: true, statusMessage: fs.FileSystemType + " backups are made per volume" };
  return config.CopyTagsToBackups ? { statusSig: true } : { statusSig: false };
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
