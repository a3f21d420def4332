// Whether the user has a console password: its credential report row (resource.data, made once
// per scan by the inventory), else GetLoginProfile. Its devices: ListMFADevices. A virtual
// device's serial is an ARN with ":mfa/"; FIDO keys (":u2f/") and hardware tokens are not.
module.exports = async function (apiCaller, resource) {
  const report = resource.data && resource.data.credentialReport;
  if (report) {
    if (report.password_enabled !== "true") return { statusSig: true, statusMessage: "No console password" };
  } else {
    const login = await apiCaller({ service: "IAM", endpoint: "getLoginProfile", params: { UserName: resource.name } });
    if (login[0][0].error) {
      if (login[0][0].error.code === "NoSuchEntity") return { statusSig: true, statusMessage: "No console password" };
      throw new Error(login[0][0].error.code + ": " + login[0][0].error.message);
    }
  }
  const res = await apiCaller({ service: "IAM", endpoint: "listMFADevices", params: { UserName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  if (apiResponse.length === 0) return { statusSig: false, statusMessage: "Console password without any MFA device" };
  const hardware = apiResponse.filter((d) => !/:mfa\//.test(d.SerialNumber));
  return hardware.length ? { statusSig: true } : { statusSig: false, statusMessage: "Only virtual MFA: " + apiResponse.map((d) => d.SerialNumber).join(", ") };
};
