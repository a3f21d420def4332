module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  // loggingService "none" turns it off; loggingConfig.componentConfig.enableComponents lists what is logged.
  const components = (((cluster.loggingConfig || {}).componentConfig || {}).enableComponents) || [];
  const service = cluster.loggingService || "";
  if (service === "none" || (!service && components.length === 0)) return { statusSig: false, statusMessage: "Logging is off" };
  return { statusSig: true, statusMessage: "Logging to " + (service || "Cloud Logging") + (components.length ? " (" + components.join(", ") + ")" : "") };
};
