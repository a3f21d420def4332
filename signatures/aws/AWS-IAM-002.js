module.exports = async function (apiCaller) {
  const res = await apiCaller({ service: "IAM", endpoint: "getAccountSummary" });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const present = apiResponse.SummaryMap.AccountAccessKeysPresent;
  return present ? { statusSig: false, statusMessage: "The root user has " + present + " access key(s)" } : { statusSig: true };
};
