const isDate = (v) => typeof v === "string" && /^\d{4}-\d\d-\d\d/.test(v);

// The user as IAM lists it: resource.data in a scan; asked when the data is not that (a hand-written resource).
async function userOf(apiCaller, resource) {
  if (resource.data && resource.data.CreateDate) return resource.data;
  const res = await apiCaller({ service: "IAM", endpoint: "getUser", params: { UserName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.User;
}

// The user's credential report row (resource.data.credentialReport) holds when the password and
// each access key were last used; without the row, ask IAM for the login profile and the keys.
module.exports = async function (apiCaller, resource, lib) {
  // Unused for 45 days: last used that long ago, or never used and created (or last set) that long ago.
  const stale = (created, used) => {
    const since = isDate(used) ? used : created;
    return isDate(since) && lib.time.daysSince(since) >= 45;
  };
  const report = resource.data && resource.data.credentialReport;
  const problems = [];
  if (report) {
    const passwordSet = isDate(report.password_last_changed) ? report.password_last_changed : report.user_creation_time;
    if (report.password_enabled === "true" && stale(passwordSet, report.password_last_used)) problems.push("console password");
    for (const n of [1, 2]) {
      const key = "access_key_" + n;
      if (report[key + "_active"] === "true" && stale(report[key + "_last_rotated"], report[key + "_last_used_date"]))
        problems.push("access key " + n);
    }
  } else {
    const login = await apiCaller({ service: "IAM", endpoint: "getLoginProfile", params: { UserName: resource.name } });
    if (!login[0][0].error) {
      const user = await userOf(apiCaller, resource);
      if (stale(login[0][0].apiResponse.LoginProfile.CreateDate, user.PasswordLastUsed)) problems.push("console password");
    }
    const keys = await apiCaller({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: resource.name } });
    if (keys[0][0].error) throw new Error(keys[0][0].error.code + ": " + keys[0][0].error.message);
    for (const key of keys[0][0].apiResponse.filter((k) => k.Status === "Active")) {
      const used = await apiCaller({ service: "IAM", endpoint: "getAccessKeyLastUsed", params: { AccessKeyId: key.AccessKeyId } });
      const last = used[0][0].apiResponse && used[0][0].apiResponse.AccessKeyLastUsed.LastUsedDate;
      if (stale(key.CreateDate, last)) problems.push("access key " + key.AccessKeyId);
    }
  }
  return problems.length ? { statusSig: false, statusMessage: "Unused for 45+ days: " + problems.join(", ") } : { statusSig: true };
};
