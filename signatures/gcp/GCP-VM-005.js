// An instance's (or a project's) metadata value for a key, or undefined; metadata booleans are
// written TRUE/true/1/yes.
const meta = (metadata, key) => {
  const item = ((metadata || {}).items || []).find((i) => i.key === key);
  return item ? String(item.value) : undefined;
};
const isOn = (value) => value !== undefined && /^(true|1|yes|y|on)$/i.test(value.trim());

// The instance's serial-port-enable wins; an instance that does not set it follows the project's
// metadata (compute projects.get: commonInstanceMetadata).
module.exports = async function (apiCaller, resource) {
  const own = meta(resource.data.metadata, "serial-port-enable");
  if (own !== undefined)
    return { statusSig: !isOn(own), statusMessage: "serial-port-enable is " + own + " on the instance" };
  const [[{ apiResponse, error }]] = await apiCaller({
    service: "compute", serviceParams: { apiVersion: "v1" }, endpoint: "projects.get", params: { project: resource.accountId },
  });
  if (error) throw new Error(error.code + ": " + error.message);
  const inherited = meta(apiResponse.commonInstanceMetadata, "serial-port-enable");
  if (isOn(inherited)) return { statusSig: false, statusMessage: "serial-port-enable is " + inherited + " in the project's metadata and the instance does not override it" };
  return { statusSig: true, statusMessage: "serial-port-enable is not set on the instance, and not on in the project's metadata" };
};
