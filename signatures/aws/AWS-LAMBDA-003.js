// resource.data is the function as ListFunctions listed it; ask only when the data is not that
// listing's item (e.g. a hand-written resource in `signet test`).
async function functionOf(apiCaller, resource) {
  if (resource.data && resource.data.FunctionName) return resource.data;
  const res = await apiCaller({ service: "Lambda", endpoint: "getFunctionConfiguration", params: { FunctionName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}

module.exports = async function (apiCaller, resource) {
  const subnets = ((await functionOf(apiCaller, resource)).VpcConfig || {}).SubnetIds || [];
  if (!subnets.length) return { statusSig: true, statusMessage: "Not in a VPC" };
  const res = await apiCaller({ service: "EC2", endpoint: "describeSubnets", params: { SubnetIds: subnets } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const zones = [...new Set(apiResponse.map((s) => s.AvailabilityZone))];
  return zones.length > 1 ? { statusSig: true, statusMessage: zones.join(", ") } : { statusSig: false, statusMessage: "Only " + zones[0] };
};
