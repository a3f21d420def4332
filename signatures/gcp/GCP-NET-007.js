// privateIpGoogleAccess only means something on subnets that hold VMs (purpose PRIVATE).
module.exports = async function (apiCaller, resource) {
  const subnet = resource.data;
  if (subnet.purpose && subnet.purpose !== "PRIVATE" && subnet.purpose !== "PRIVATE_RFC_1918")
    return { statusSig: true, statusMessage: "A " + subnet.purpose + " subnet holds no VMs" };
  return {
    statusSig: subnet.privateIpGoogleAccess === true,
    statusMessage: "Private Google Access is " + (subnet.privateIpGoogleAccess === true ? "on" : "off") + " for " + subnet.ipCidrRange,
  };
};
