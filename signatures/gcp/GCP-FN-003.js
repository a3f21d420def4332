module.exports = async function (apiCaller, resource) {
  const fn = resource.data;
  if (!fn.vpcConnector) return { statusSig: false, statusMessage: "No VPC connector: outbound calls leave directly to the Internet" };
  return { statusSig: true, statusMessage: "VPC connector " + fn.vpcConnector + ", egress " + (fn.vpcConnectorEgressSettings || "PRIVATE_RANGES_ONLY") };
};
