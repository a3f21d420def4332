// resource.data is the instance as GetInstances listed it, its add-ons included.
module.exports = async function (apiCaller, resource) {
  const addOns = (resource.data && resource.data.addOns) || [];
  const snapshots = addOns.find((a) => a.name === "AutoSnapshot");
  return snapshots && snapshots.status === "Enabled" ? { statusSig: true, statusMessage: "Daily at " + snapshots.snapshotTimeOfDay } : { statusSig: false };
};
