module.exports = async function (apiCaller, resource) {
  const model = await described(apiCaller, resource);
  return ((model.VpcConfig || {}).Subnets || []).length ? { statusSig: true } : { statusSig: false };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.ExecutionRoleArn !== undefined) return resource.data;
  const res = await apiCaller({ service: "SageMaker", endpoint: "describeModel", params: { ModelName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}
