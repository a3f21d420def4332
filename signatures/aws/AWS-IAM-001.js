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
  return summary.AccountMFAEnabled === 1
    ? { statusSig: true }
    : { statusSig: false, statusMessage: "The root user of account " + resource.accountId + " has no MFA device" };
};
