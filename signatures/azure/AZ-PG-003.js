// log_disconnections must be on (each session's end logged); a server without it fails.
module.exports = async function (apiCaller, resource, lib) {
  const value = await lib.azure.serverParameter(apiCaller, resource, "log_disconnections");
  if (value === null) return { statusSig: false, statusMessage: "The server has no parameter log_disconnections" };
  return { statusSig: value.toLowerCase() === "on", statusMessage: "log_disconnections is '" + value + "'" };
};
