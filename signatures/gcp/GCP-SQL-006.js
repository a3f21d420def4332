module.exports = async function (apiCaller, resource) {
  const instance = resource.data;
  if (instance.instanceType === "READ_REPLICA_INSTANCE") return { statusSig: true, statusMessage: "Read replica: availability follows its primary" };
  const type = (instance.settings || {}).availabilityType || "ZONAL";
  return { statusSig: type === "REGIONAL", statusMessage: "Availability type " + type };
};
