// A Cloud SQL database flag (lib.gcp.sqlFlag): an instance of another engine passes, the flag not
// applying to it; a flag that is not set has the engine's default.
module.exports = async function (apiCaller, resource, lib) {
  const flag = lib.gcp.sqlFlag(resource.data, "POSTGRES", "log_statement");
  if (!flag.applies) return flag.notApplicable;
  const value = flag.value === null ? undefined : flag.value;
  const level = (value || "none").toLowerCase();
  return { statusSig: ["ddl", "mod", "all"].includes(level), statusMessage: "log_statement is " + (value === undefined ? "not set (none)" : value) };
};
