module.exports = async function (apiCaller, resource) {
  const endpoint = await described(apiCaller, resource);
  if (endpoint.EngineName !== "neptune") return { statusSig: true, statusMessage: "Not a Neptune endpoint" };
  return (endpoint.NeptuneSettings || {}).IamAuthEnabled ? { statusSig: true } : { statusSig: false };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.EngineName !== undefined) return resource.data;
  const res = await apiCaller({ service: "DMS", endpoint: "describeEndpoints", params: { Filters: [{ Name: "endpoint-id", Values: [resource.name] }] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}
