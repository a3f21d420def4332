module.exports = async function (apiCaller, resource) {
  const login = await apiCaller({ service: "IAM", endpoint: "getLoginProfile", params: { UserName: resource.name } });
  if (login[0][0].error) {
    if (login[0][0].error.code === "NoSuchEntity") return { statusSig: true, statusMessage: "No console password" };
    throw new Error(login[0][0].error.code + ": " + login[0][0].error.message);
  }
  const res = await apiCaller({ service: "IAM", endpoint: "listMFADevices", params: { UserName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.length > 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Console password without MFA" };
};
