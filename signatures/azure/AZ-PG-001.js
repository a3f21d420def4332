// log_checkpoints must be on (checkpoints logged); a server without the parameter fails.
module.exports = async function (apiCaller, resource, lib) {
  const value = await lib.azure.serverParameter(apiCaller, resource, "log_checkpoints");
  if (value === null) return { statusSig: false, statusMessage: "The server has no parameter log_checkpoints" };
  return { statusSig: value.toLowerCase() === "on", statusMessage: "log_checkpoints is '" + value + "'" };
};
