module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "ConfigService", endpoint: "describeConfigurationRecorderStatus",
                                params: { ConfigurationRecorderNames: [resource.name] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const status = apiResponse.ConfigurationRecordersStatus[0];
  const group = resource.data.recordingGroup || {};
  const problems = [];
  if (!group.allSupported) problems.push("does not record all supported resources");
  if (!status || !status.recording) problems.push("is not recording");
  return problems.length ? { statusSig: false, statusMessage: "The recorder " + problems.join(" and ") } : { statusSig: true };
};
