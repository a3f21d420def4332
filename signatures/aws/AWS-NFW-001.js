module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "NetworkFirewall", endpoint: "describeLoggingConfiguration", params: { FirewallArn: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const logs = ((apiResponse.LoggingConfiguration || {}).LogDestinationConfigs) || [];
  return logs.length ? { statusSig: true, statusMessage: "Logging " + logs.map((l) => l.LogType).join(", ") } : { statusSig: false };
};
