// The default network is the auto-mode network Google creates with a new project, named "default".
module.exports = async function (apiCaller, resource) {
  const network = resource.data;
  if (network.name !== "default") return { statusSig: true, statusMessage: "Network '" + network.name + "' is not the default network" };
  return {
    statusSig: false,
    statusMessage: "The default network exists" + (network.autoCreateSubnetworks ? " (auto mode, a subnet in every region)" : "") +
      " with " + (network.subnetworks || []).length + " subnet(s)",
  };
};
