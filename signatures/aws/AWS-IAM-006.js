// At most one active access key per user. The user's credential report row
// (resource.data.credentialReport) says whether each of its two key slots is active;
// without the row, list the keys.
module.exports = async function (apiCaller, resource) {
  const report = resource.data && resource.data.credentialReport;
  let active;
  if (report) {
    active = [1, 2].filter((n) => report["access_key_" + n + "_active"] === "true").length;
  } else {
    const res = await apiCaller({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    active = apiResponse.filter((k) => k.Status === "Active").length;
  }
  return active <= 1 ? { statusSig: true } : { statusSig: false, statusMessage: active + " active access keys" };
};
