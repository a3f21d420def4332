module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EC2", endpoint: "describeImages", params: { ImageIds: [resource.id] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.Images[0] && apiResponse.Images[0].Public ? { statusSig: false } : { statusSig: true };
};
