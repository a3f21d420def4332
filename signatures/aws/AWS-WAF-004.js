module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "WAF", endpoint: "getLoggingConfiguration", params: { ResourceArn: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "WAFNonexistentItemException") return { statusSig: false };  // no logging configuration
  if (error) throw new Error(error.code + ": " + error.message);
  const destinations = (apiResponse.LoggingConfiguration || {}).LogDestinationConfigs || [];
  return destinations.length ? { statusSig: true, statusMessage: "Logging to " + destinations.join(", ") } : { statusSig: false };
};
