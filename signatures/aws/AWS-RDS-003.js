module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "RDS", endpoint: "describeDBInstances", params: { DBInstanceIdentifier: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0].AutoMinorVersionUpgrade ? { statusSig: true } : { statusSig: false };
};
