// resource.data is the log group as DescribeLogGroups listed it (kmsKeyId when encrypted);
// described only when missing (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let group = resource.data || {};
  if (!group.logGroupName) {
    const res = await apiCaller({ service: "CloudWatchLogs", endpoint: "describeLogGroups", params: { logGroupNamePrefix: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    group = apiResponse.find((g) => g.logGroupName === resource.name) || {};
  }
  return group.kmsKeyId ? { statusSig: true, statusMessage: "Encrypted with " + group.kmsKeyId } : { statusSig: false };
};
