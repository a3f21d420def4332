module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EFS", endpoint: "describeFileSystems", params: { FileSystemId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0] && apiResponse[0].Encrypted ? { statusSig: true } : { statusSig: false };
};
