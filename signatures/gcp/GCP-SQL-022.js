// A Cloud SQL database flag (lib.gcp.sqlFlag): an instance of another engine passes, the flag not
// applying to it; a flag that is not set has the engine's default.
module.exports = async function (apiCaller, resource, lib) {
  const flag = lib.gcp.sqlFlag(resource.data, "SQLSERVER", "user options");
  if (!flag.applies) return flag.notApplicable;
  const value = flag.value === null ? undefined : flag.value;
  return { statusSig: value === undefined, statusMessage: value === undefined ? "'user options' is not set" : "'user options' is set to " + value };
};
