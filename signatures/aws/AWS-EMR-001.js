module.exports = async function (apiCaller, resource) {
  const cluster = resource.data || {};
  // Instance fleets and instance groups name the primary node differently.
  const params = cluster.InstanceCollectionType === "INSTANCE_FLEET"
    ? { ClusterId: resource.id, InstanceFleetType: "MASTER" } : { ClusterId: resource.id, InstanceGroupTypes: ["MASTER"] };
  const res = await apiCaller({ service: "EMR", endpoint: "listInstances", params });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const exposed = apiResponse.filter((i) => i.PublicIpAddress);
  if (exposed.length) return { statusSig: false, statusMessage: exposed.map((i) => i.Ec2InstanceId + " at " + i.PublicIpAddress).join(", ") };
  return { statusSig: true };
};
