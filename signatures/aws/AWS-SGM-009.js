module.exports = async function (apiCaller, resource) {
  const job = await described(apiCaller, resource);
  const missing = [];
  if (!(job.ResourceConfig || {}).VolumeKmsKeyId) missing.push("volume");
  if (!(job.OutputDataConfig || {}).KmsKeyId) missing.push("output");
  return missing.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: "No KMS key for the " + missing.join(" and ") };
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
