const DAY = 24 * 3600 * 1000;
const stale = (created, used) => Date.now() - Date.parse(used || created) >= 45 * DAY;
module.exports = async function (apiCaller, resource) {
  const problems = [];
  const login = await apiCaller({ service: "IAM", endpoint: "getLoginProfile", params: { UserName: resource.name } });
  if (!login[0][0].error && stale(login[0][0].apiResponse.LoginProfile.CreateDate, resource.data.PasswordLastUsed))
    problems.push("console password");
  const keys = await apiCaller({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: resource.name } });
  if (keys[0][0].error) throw new Error(keys[0][0].error.code + ": " + keys[0][0].error.message);
  for (const key of keys[0][0].apiResponse.filter((k) => k.Status === "Active")) {
    const used = await apiCaller({ service: "IAM", endpoint: "getAccessKeyLastUsed", params: { AccessKeyId: key.AccessKeyId } });
    const last = used[0][0].apiResponse && used[0][0].apiResponse.AccessKeyLastUsed.LastUsedDate;
    if (stale(key.CreateDate, last)) problems.push("access key " + key.AccessKeyId);
  }
  return problems.length ? { statusSig: false, statusMessage: "Unused for 45+ days: " + problems.join(", ") } : { statusSig: true };
};
