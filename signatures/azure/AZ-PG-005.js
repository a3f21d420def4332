// logfiles.retention_days: how long the server keeps its log files; a server without the
// parameter fails.
// The server keeps its log files 1 to 7 days (default 3); more than 3 days is asked for.
module.exports = async function (apiCaller, resource, lib) {
  const value = await lib.azure.serverParameter(apiCaller, resource, "logfiles.retention_days");
  if (value === null) return { statusSig: false, statusMessage: "The server has no parameter logfiles.retention_days" };
  return { statusSig: Number(value) > 3, statusMessage: "logfiles.retention_days is '" + value + "'" };
};
