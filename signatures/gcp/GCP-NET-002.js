// A legacy network has one IPv4Range for all regions and no subnetworks; a VPC network has subnetworks
// (auto mode or custom mode) and no IPv4Range.
module.exports = async function (apiCaller, resource) {
  const network = resource.data;
  const legacy = network.IPv4Range !== undefined && network.autoCreateSubnetworks === undefined;
  return {
    statusSig: !legacy,
    statusMessage: legacy
      ? "Network '" + network.name + "' is a legacy network with the single range " + network.IPv4Range
      : "Network '" + network.name + "' is a VPC network in " + (network.autoCreateSubnetworks ? "auto" : "custom") + " mode",
  };
};
