// resource.data is the log group as DescribeLogGroups listed it: retentionInDays, absent when
// events never expire; described only when missing (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let group = resource.data || {};
  if (!group.logGroupName) {
    const res = await apiCaller({ service: "CloudWatchLogs", endpoint: "describeLogGroups", params: { logGroupNamePrefix: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    group = apiResponse.find((g) => g.logGroupName === resource.name) || {};
  }
  const days = group.retentionInDays;
  if (days === undefined || days === null) return { statusSig: true, statusMessage: "Events never expire" };
  return days >= 365 ? { statusSig: true, statusMessage: "Kept " + days + " days" }
                     : { statusSig: false, statusMessage: "Kept only " + days + " days" };
};
