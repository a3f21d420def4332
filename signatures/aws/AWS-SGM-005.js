module.exports = async function (apiCaller, resource) {
  const config = await described(apiCaller, resource);
  const single = (config.ProductionVariants || []).filter((v) => !v.ServerlessConfig && (v.InitialInstanceCount || 0) < 2).map((v) => v.VariantName);
  return single.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Single instance: " + single.join(", ") };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.ProductionVariants !== undefined) return resource.data;
  const res = await apiCaller({ service: "SageMaker", endpoint: "describeEndpointConfig", params: { EndpointConfigName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}
