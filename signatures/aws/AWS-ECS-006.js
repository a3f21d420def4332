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

const CREDENTIALS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"];

module.exports = async function (apiCaller, resource) {
  const found = [];
  for (const c of (await taskDefinitionOf(apiCaller, resource)).containerDefinitions)
    for (const v of c.environment || []) if (CREDENTIALS.includes(String(v.name).toUpperCase())) found.push(c.name + ": " + v.name);
  return found.length ? { statusSig: false, statusMessage: found.join(", ") } : { statusSig: true };
};
