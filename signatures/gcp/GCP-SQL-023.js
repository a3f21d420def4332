// A Cloud SQL database flag (lib.gcp.sqlFlag): an instance of another engine passes, the flag not
// applying to it; a flag that is not set has the engine's default.
module.exports = async function (apiCaller, resource, lib) {
  const flag = lib.gcp.sqlFlag(resource.data, "SQLSERVER", "remote access");
  if (!flag.applies) return flag.notApplicable;
  const value = flag.value === null ? undefined : flag.value;
  const off = value === undefined ? false : value.toLowerCase() === "off";
  return { statusSig: off, statusMessage: "'remote access' is " + (value === undefined ? "not set (on by default)" : value) };
};
