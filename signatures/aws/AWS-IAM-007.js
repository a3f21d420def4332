const isDate = (v) => typeof v === "string" && /^\d{4}-\d\d-\d\d/.test(v);

// Every active access key is younger than 90 days. The user's credential report row
// (resource.data.credentialReport) gives each active key's creation date
// (access_key_N_last_rotated); without the row, list the keys.
module.exports = async function (apiCaller, resource, lib) {
  const report = resource.data && resource.data.credentialReport;
  let keys;  // [{ name, created }] for the active keys
  if (report) {
    keys = [1, 2]
      .filter((n) => report["access_key_" + n + "_active"] === "true" && isDate(report["access_key_" + n + "_last_rotated"]))
      .map((n) => ({ name: "access key " + n, created: report["access_key_" + n + "_last_rotated"] }));
  } else {
    const res = await apiCaller({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    keys = apiResponse.filter((k) => k.Status === "Active").map((k) => ({ name: k.AccessKeyId, created: k.CreateDate }));
  }
  const old = keys.map((k) => ({ name: k.name, days: lib.time.daysSince(k.created) })).filter((k) => k.days > 90);
  if (old.length === 0) return { statusSig: true };
  return { statusSig: false, statusMessage: old.map((k) => k.name + " is " + Math.floor(k.days) + " days old").join("; ") };
};
