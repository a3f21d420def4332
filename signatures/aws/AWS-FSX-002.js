module.exports = async function (apiCaller, resource) {
  const fs = await described(apiCaller, resource);
  if (fs.FileSystemType !== "OPENZFS") return { statusSig: true, statusMessage: "Only OpenZFS file systems have this setting" };
  return (fs.OpenZFSConfiguration || {}).CopyTagsToVolumes ? { statusSig: true } : { statusSig: false };
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
