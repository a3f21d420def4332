// MFA is on for the root user (GetAccountSummary: the account's data, asked only when missing)
// and it is not a virtual device: ListVirtualMFADevices lists the virtual devices assigned, and
// the root user's is the one whose user is the account's root (serial ...:mfa/root-account-mfa-device).
module.exports = async function (apiCaller, resource) {
  let summary = resource.data && resource.data.SummaryMap;
  if (!summary) {
    const res = await apiCaller({ service: "IAM", endpoint: "getAccountSummary" });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    summary = apiResponse.SummaryMap;
  }
  if (summary.AccountMFAEnabled !== 1) return { statusSig: false, statusMessage: "The root user has no MFA device at all" };
  const res = await apiCaller({ service: "IAM", endpoint: "listVirtualMFADevices", params: { AssignmentStatus: "Assigned" } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const isRoot = (d) => (d.User && /:root$/.test(d.User.Arn || "")) || /:mfa\/root-account-mfa-device$/.test(d.SerialNumber || "");
  const virtual = apiResponse.find(isRoot);
  return virtual
    ? { statusSig: false, statusMessage: "The root user's MFA device is virtual (" + virtual.SerialNumber + ")" }
    : { statusSig: true };
};
