module.exports = async function (apiCaller, resource) {
  const workGroup = await described(apiCaller, resource);
  const encryption = ((workGroup.Configuration || {}).ResultConfiguration || {}).EncryptionConfiguration;
  return encryption && encryption.EncryptionOption ? { statusSig: true, statusMessage: "Results encrypted with " + encryption.EncryptionOption } : { statusSig: false };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.Configuration !== undefined) return resource.data;
  const res = await apiCaller({ service: "Athena", endpoint: "getWorkGroup", params: { WorkGroup: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.WorkGroup;
}
