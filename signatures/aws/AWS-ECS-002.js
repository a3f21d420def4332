// resource.data is the service as DescribeServices gave it (the catalog's detail call); describe it
// only when the data lacks it (e.g. a hand-written resource in `signet test`).
async function serviceOf(apiCaller, resource) {
  if (resource.data && resource.data.serviceArn) return resource.data;
  const cluster = resource.arn.split("/").slice(-2, -1)[0];  // arn:...:service/CLUSTER/NAME
  const res = await apiCaller({ service: "ECS", endpoint: "describeServices", params: { cluster, services: [resource.arn] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.services[0];
}

module.exports = async function (apiCaller, resource) {
  const service = await serviceOf(apiCaller, resource);
  const vpc = service.networkConfiguration && service.networkConfiguration.awsvpcConfiguration;
  return vpc && vpc.assignPublicIp === "ENABLED" ? { statusSig: false } : { statusSig: true };
};
