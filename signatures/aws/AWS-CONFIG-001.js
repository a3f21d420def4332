// resource.data is the recorder as DescribeConfigurationRecorders listed it (its recordingGroup);
// described only when the data is not that listing's item (e.g. a hand-written resource in
// `signet test`). Whether it is recording is not in the listing: DescribeConfigurationRecorderStatus says.
module.exports = async function (apiCaller, resource) {
  let recorder = resource.data || {};
  if (!recorder.name) {
    const res = await apiCaller({ service: "ConfigService", endpoint: "describeConfigurationRecorders",
                                  params: { ConfigurationRecorderNames: [resource.name] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    recorder = apiResponse.ConfigurationRecorders[0] || {};
  }
  const res = await apiCaller({ service: "ConfigService", endpoint: "describeConfigurationRecorderStatus",
                                params: { ConfigurationRecorderNames: [resource.name] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const status = apiResponse.ConfigurationRecordersStatus[0];
  const group = recorder.recordingGroup || {};
  const problems = [];
  if (!group.allSupported) problems.push("does not record all supported resources");
  if (!status || !status.recording) problems.push("is not recording");
  return problems.length ? { statusSig: false, statusMessage: "The recorder " + problems.join(" and ") } : { statusSig: true };
};
