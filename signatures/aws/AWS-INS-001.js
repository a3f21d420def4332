// resource.data is the region's BatchGetAccountStatus answer for this account; asked only when
// missing. Then the findings still ACTIVE (ListFindings with a status filter).
module.exports = async function (apiCaller, resource) {
  let status = resource.data || {};
  if (!Array.isArray(status.accounts)) {
    const res = await apiCaller({ service: "Inspector2", endpoint: "batchGetAccountStatus", params: { accountIds: [resource.accountId] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    status = apiResponse;
  }
  const account = status.accounts.find((a) => a.accountId === resource.accountId) || status.accounts[0];
  if (!account || !account.state || account.state.status !== "ENABLED")
    return { statusSig: false, statusMessage: "Inspector is " + (account && account.state ? account.state.status : "not enabled") };
  const off = ["ec2", "ecr", "lambda"].filter((kind) => !(account.resourceState && account.resourceState[kind] && account.resourceState[kind].status === "ENABLED"));
  if (off.length) return { statusSig: false, statusMessage: "Not scanning: " + off.join(", ") };
  const res = await apiCaller({ service: "Inspector2", endpoint: "listFindings",
                                params: { filterCriteria: { findingStatus: [{ comparison: "EQUALS", value: "ACTIVE" }] } } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.length ? { statusSig: false, statusMessage: apiResponse.length + " active finding(s)" } : { statusSig: true };
};
