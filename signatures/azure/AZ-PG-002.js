// log_connections must be on (each connection attempt logged); a server without it fails.
module.exports = async function (apiCaller, resource, lib) {
  const value = await lib.azure.serverParameter(apiCaller, resource, "log_connections");
  if (value === null) return { statusSig: false, statusMessage: "The server has no parameter log_connections" };
  return { statusSig: value.toLowerCase() === "on", statusMessage: "log_connections is '" + value + "'" };
};
