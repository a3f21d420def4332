const DAY = 24 * 3600 * 1000;
const isDate = (v) => typeof v === "string" && /^\d{4}-\d\d-\d\d/.test(v);

// The account carries the root user's row of the IAM credential report
// (resource.data.credentialReport, made once per scan by the inventory): when the root password
// and each root access key were last used. AWS always reports the root user; a report without
// its row (null) cannot rule its use out, so it fails rather than passes.
module.exports = async function (apiCaller, resource) {
  const data = resource.data || {};
  if (!("credentialReport" in data))
    throw new Error("The account has no credential report row in resource.data.credentialReport: run it in a scan, or add the row");
  const row = data.credentialReport;
  if (!row) return { statusSig: false, statusMessage: "The credential report has no row for the root user: its use cannot be ruled out" };
  const uses = [["password", row.password_last_used], ["access key 1", row.access_key_1_last_used_date],
                ["access key 2", row.access_key_2_last_used_date]];
  const recent = uses.filter(([, when]) => isDate(when) && Date.now() - Date.parse(when) < 30 * DAY);
  if (recent.length === 0) return { statusSig: true };
  return { statusSig: false, statusMessage: "Root " + recent.map(([what, when]) => what + " used " + when).join(", ") };
};
