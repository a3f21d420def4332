module.exports = async function (apiCaller, resource) {
  const broker = await described(apiCaller, resource);
  return broker.PubliclyAccessible ? { statusSig: false } : { statusSig: true };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.DeploymentMode !== undefined) return resource.data;
  const res = await apiCaller({ service: "MQ", endpoint: "describeBroker", params: { BrokerId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}
