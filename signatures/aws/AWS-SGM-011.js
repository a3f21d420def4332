module.exports = async function (apiCaller, resource) {
  const job = await described(apiCaller, resource);
  return job.EnableNetworkIsolation ? { statusSig: true } : { statusSig: false };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.AlgorithmSpecification !== undefined) return resource.data;
  const res = await apiCaller({ service: "SageMaker", endpoint: "describeTrainingJob", params: { TrainingJobName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}
