module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EC2", endpoint: "describeFlowLogs",
                                params: { Filter: [{ Name: "resource-id", Values: [resource.id] }] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.length > 0 ? { statusSig: true } : { statusSig: false };
};
