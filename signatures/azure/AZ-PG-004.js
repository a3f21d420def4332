// connection_throttle.enable must be on (repeated failed logins slowed down); a server
// without the parameter fails.
module.exports = async function (apiCaller, resource, lib) {
  const value = await lib.azure.serverParameter(apiCaller, resource, "connection_throttle.enable");
  if (value === null) return { statusSig: false, statusMessage: "The server has no parameter connection_throttle.enable" };
  return { statusSig: value.toLowerCase() === "on", statusMessage: "connection_throttle.enable is '" + value + "'" };
};
