const isDate = (v) => typeof v === "string" && /^\d{4}-\d\d-\d\d/.test(v);

// The user as IAM lists it: resource.data in a scan; asked when the data is not that (a hand-written resource).
async function userOf(apiCaller, resource) {
  if (resource.data && resource.data.CreateDate) return resource.data;
  const res = await apiCaller({ service: "IAM", endpoint: "getUser", params: { UserName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.User;
}

// Users with a console password should not have access keys made with the user. The user's
// credential report row (resource.data.credentialReport) holds password_enabled, the user's creation
// time and each key's creation time (access_key_N_last_rotated); without the row, ask IAM.
module.exports = async function (apiCaller, resource, lib) {
  // Made with the user: within ten minutes of it.
  const withUser = (created, keyCreated) => Math.abs(lib.time.daysSince(created, keyCreated)) * 24 * 60 < 10;
  const report = resource.data && resource.data.credentialReport;
  if (report) {
    if (report.password_enabled !== "true") return { statusSig: true, statusMessage: "No console password" };
    const early = [1, 2].filter((n) => isDate(report["access_key_" + n + "_last_rotated"]) &&
                                       withUser(report.user_creation_time, report["access_key_" + n + "_last_rotated"]));
    const named = early.map((n) => "access key " + n + " (" + report["access_key_" + n + "_last_rotated"] + ")");
    return early.length ? { statusSig: false, statusMessage: named.join(", ") + " created with the user" } : { statusSig: true };
  }

  const login = await apiCaller({ service: "IAM", endpoint: "getLoginProfile", params: { UserName: resource.name } });
  if (login[0][0].error) return { statusSig: true, statusMessage: "No console password" };
  const keys = await apiCaller({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: resource.name } });
  if (keys[0][0].error) throw new Error(keys[0][0].error.code + ": " + keys[0][0].error.message);
  const user = await userOf(apiCaller, resource);
  const early = keys[0][0].apiResponse.filter((k) => withUser(user.CreateDate, k.CreateDate));
  return early.length ? { statusSig: false, statusMessage: early.map((k) => k.AccessKeyId).join(", ") + " created with the user" } : { statusSig: true };
};
