// CIS: every IAM user with a console password has MFA. The inventory gives each user its row of
// the IAM credential report (resource.data.credentialReport): password_enabled says whether the
// user has a console password, mfa_active whether an MFA device (virtual or hardware) is assigned.
// Without that row (a user newer than the report, or a hand-written resource), ask IAM.
module.exports = async function (apiCaller, resource) {
  const report = resource.data && resource.data.credentialReport;
  if (report) {
    if (report.password_enabled !== "true") return { statusSig: true, statusMessage: "No console password" };
    return report.mfa_active === "true" ? { statusSig: true } : { statusSig: false, statusMessage: "Console password without MFA" };
  }

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
