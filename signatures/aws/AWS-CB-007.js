// resource.data is the report group as BatchGetReportGroups described it (exportConfig); asked
// only when missing (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let group = resource.data || {};
  if (!group.exportConfig) {
    const res = await apiCaller({ service: "CodeBuild", endpoint: "batchGetReportGroups", params: { reportGroupArns: [resource.arn] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    group = apiResponse.reportGroups[0] || {};
  }
  const config = group.exportConfig || {};
  if (config.exportConfigType !== "S3") return { statusSig: true, statusMessage: "No export to S3" };
  const s3 = config.s3Destination || {};
  return s3.encryptionDisabled ? { statusSig: false, statusMessage: "Exports to s3://" + s3.bucket + " unencrypted" } : { statusSig: true };
};
