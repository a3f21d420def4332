// resource.data is the repository as DescribeRepositories listed it; describe it only when the data
// is not that listing's item (e.g. a hand-written resource in `signet test`).
async function repositoryOf(apiCaller, resource) {
  if (resource.data && resource.data.repositoryName) return resource.data;
  const res = await apiCaller({ service: "ECR", endpoint: "describeRepositories", params: { repositoryNames: [resource.name] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

module.exports = async function (apiCaller, resource) {
  const mutability = (await repositoryOf(apiCaller, resource)).imageTagMutability;
  return String(mutability).startsWith("IMMUTABLE") ? { statusSig: true, statusMessage: mutability } : { statusSig: false };
};
