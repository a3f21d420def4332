module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "IAM", endpoint: "getAccountSummary" });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.SummaryMap.AccountMFAEnabled === 1
    ? { statusSig: true }
    : { statusSig: false, statusMessage: "The root user of account " + resource.accountId + " has no MFA device" };
};
