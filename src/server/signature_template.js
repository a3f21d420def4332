// Runs once per resource; return { statusSig, statusMessage }.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({
    service: "IAM",
    serviceParams: { region: [resource.region] },
    endpoint: "listMFADevices",
    params: { UserName: resource.name },
  });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  console.log(resource.name + " has " + apiResponse.length + " MFA device(s)");
  if (apiResponse.length === 0) return { statusSig: false, statusMessage: "MFA is not enabled" };
  return { statusSig: true, statusMessage: "MFA is enabled" };
};
