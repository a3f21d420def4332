// A Cloud SQL database flag (lib.gcp.sqlFlag): an instance of another engine passes, the flag not
// applying to it; a flag that is not set has the engine's default.
module.exports = async function (apiCaller, resource, lib) {
  const flag = lib.gcp.sqlFlag(resource.data, "SQLSERVER", "contained database authentication");
  if (!flag.applies) return flag.notApplicable;
  const value = flag.value === null ? undefined : flag.value;
  const off = value === undefined ? true : value.toLowerCase() === "off";
  return { statusSig: off, statusMessage: "'contained database authentication' is " + (value === undefined ? "not set (off by default)" : value) };
};
