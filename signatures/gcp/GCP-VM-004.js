// An instance's (or a project's) metadata value for a key, or undefined; metadata booleans are
// written TRUE/true/1/yes.
const meta = (metadata, key) => {
  const item = ((metadata || {}).items || []).find((i) => i.key === key);
  return item ? String(item.value) : undefined;
};
const isOn = (value) => value !== undefined && /^(true|1|yes|y|on)$/i.test(value.trim());

// The project's commonInstanceMetadata sets the default for every instance; an instance's own
// enable-oslogin overrides it, so instances that turn it off are listed too.
module.exports = async function (apiCaller, resource) {
  const value = meta(resource.data.commonInstanceMetadata, "enable-oslogin");
  if (!isOn(value))
    return { statusSig: false, statusMessage: value === undefined ? "enable-oslogin is not set in the project's metadata: OS Login is off" : "enable-oslogin is " + value + " in the project's metadata" };
  const [[{ apiResponse, error }]] = await apiCaller({
    service: "compute", serviceParams: { apiVersion: "v1" }, endpoint: "instances.aggregatedList", params: { project: resource.accountId },
  });
  if (error) throw new Error(error.code + ": " + error.message);
  const off = (apiResponse || []).filter((vm) => {
    const own = meta(vm.metadata, "enable-oslogin");
    return own !== undefined && !isOn(own);
  });
  if (off.length) return { statusSig: false, statusMessage: "OS Login is on for the project but turned off on " + off.map((vm) => vm.name).join(", ") };
  return { statusSig: true, statusMessage: "OS Login is on for the project and no instance turns it off" };
};
