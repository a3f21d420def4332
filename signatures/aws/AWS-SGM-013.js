module.exports = async function (apiCaller, resource) {
  const domain = await described(apiCaller, resource);
  return domain.AuthMode === "SSO" ? { statusSig: true } : { statusSig: false, statusMessage: "Authentication mode " + domain.AuthMode };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.AuthMode !== undefined) return resource.data;
  const res = await apiCaller({ service: "SageMaker", endpoint: "describeDomain", params: { DomainId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}
