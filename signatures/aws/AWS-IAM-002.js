// resource.data is the account's GetAccountSummary answer; ask only when the data lacks it
// (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let summary = resource.data && resource.data.SummaryMap;
  if (!summary) {
    const res = await apiCaller({ service: "IAM", endpoint: "getAccountSummary" });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    summary = apiResponse.SummaryMap;
  }
  const present = summary.AccountAccessKeysPresent;
  return present ? { statusSig: false, statusMessage: "The root user has " + present + " access key(s)" } : { statusSig: true };
};
