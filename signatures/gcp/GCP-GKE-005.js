module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  // Dataplane V2 (datapathProvider ADVANCED_DATAPATH) enforces network policies without the Calico setting.
  if ((cluster.networkConfig || {}).datapathProvider === "ADVANCED_DATAPATH") return { statusSig: true, statusMessage: "Dataplane V2 enforces network policies" };
  const policy = cluster.networkPolicy || {};
  if (policy.enabled === true) return { statusSig: true, statusMessage: "Network policy enforcement is on (" + (policy.provider || "CALICO") + ")" };
  return { statusSig: false, statusMessage: "Network policy enforcement is off" };
};
