// A Cloud SQL database flag (lib.gcp.sqlFlag): an instance of another engine passes, the flag not
// applying to it; a flag that is not set has the engine's default.
module.exports = async function (apiCaller, resource, lib) {
  const flag = lib.gcp.sqlFlag(resource.data, "POSTGRES", "log_min_messages");
  if (!flag.applies) return flag.notApplicable;
  const value = flag.value === null ? undefined : flag.value;
  // Message levels from least to most severe; a level logs itself and everything more severe.
  const LEVELS = ["debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error", "log", "fatal", "panic"];

  const level = (value || "warning").toLowerCase();
  const at = LEVELS.indexOf(level);
  return { statusSig: at >= LEVELS.indexOf("warning"), statusMessage: "log_min_messages is " + (value === undefined ? "not set (warning)" : value) };
};
