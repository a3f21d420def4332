// A Cloud SQL database flag (lib.gcp.sqlFlag): an instance of another engine passes, the flag not
// applying to it; a flag that is not set has the engine's default.
module.exports = async function (apiCaller, resource, lib) {
  const flag = lib.gcp.sqlFlag(resource.data, "POSTGRES", "log_error_verbosity");
  if (!flag.applies) return flag.notApplicable;
  const value = flag.value === null ? undefined : flag.value;
  const level = (value || "default").toLowerCase();
  return { statusSig: level === "default" || level === "terse", statusMessage: "log_error_verbosity is " + (value === undefined ? "not set (default)" : value) };
};
