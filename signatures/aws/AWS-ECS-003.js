// resource.data is the task definition as DescribeTaskDefinition gave it (the catalog's detail
// call), container definitions included; describe it only when the data lacks them (e.g. a
// hand-written resource in `signet test`).
async function taskDefinitionOf(apiCaller, resource) {
  if (resource.data && resource.data.containerDefinitions) return resource.data;
  const res = await apiCaller({ service: "ECS", endpoint: "describeTaskDefinition", params: { taskDefinition: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.taskDefinition;
}

module.exports = async function (apiCaller, resource) {
  return (await taskDefinitionOf(apiCaller, resource)).pidMode === "host" ? { statusSig: false } : { statusSig: true };
};
