module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "DynamoDB", endpoint: "describeContinuousBackups", params: { TableName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const pitr = apiResponse.ContinuousBackupsDescription.PointInTimeRecoveryDescription || {};
  return pitr.PointInTimeRecoveryStatus === "ENABLED" ? { statusSig: true } : { statusSig: false };
};
