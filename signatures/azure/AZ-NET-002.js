// A flow log of a network security group or of a virtual network, as Network Watcher lists it.
// retentionPolicy absent means no policy (enabled false, days 0). With a policy enabled, 0 days
// means "keep forever". Without one, CIS still fails it: nothing set keeps 90 days of records.
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  const of = "The flow log of " + (String(props.targetResourceId || "").split("/").pop() || "its target");
  if (props.enabled === false) return { statusSig: false, statusMessage: of + " is disabled: it keeps no records" };
  const policy = props.retentionPolicy || {};
  const days = typeof policy.days === "number" ? policy.days : 0;
  if (policy.enabled !== true)
    return { statusSig: false, statusMessage: of + " has no retention policy enabled (days " + days + "); set one of 90 days or more, or 0 to keep the records forever" };
  if (days === 0) return { statusSig: true, statusMessage: of + " keeps its records forever (retention 0 days)" };
  if (days < 90) return { statusSig: false, statusMessage: of + " keeps its records for only " + days + " days" };
  return { statusSig: true, statusMessage: of + " keeps its records for " + days + " days" };
};
