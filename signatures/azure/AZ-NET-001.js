// Subnets where Azure does not support (or does not apply) a network security group: the VPN/ExpressRoute
// gateway subnet, Azure Firewall's subnets and Route Server's. They pass, with a message that says so.
const NO_NSG_SUPPORT = ["gatewaysubnet", "azurefirewallsubnet", "azurefirewallmanagementsubnet", "routeserversubnet"];

module.exports = async function (apiCaller, resource) {
  let subnet = resource.data || {};
  if (!subnet.properties) {  // a hand-written resource in `signet test`: read the subnet
    const res = await apiCaller({ service: "Microsoft.Network", endpoint: "{id}", params: { id: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    subnet = apiResponse || {};
  }
  const props = subnet.properties || {};
  const name = subnet.name || resource.name;
  const prefix = props.addressPrefix || (Array.isArray(props.addressPrefixes) ? props.addressPrefixes.join(", ") : "");
  const label = "The subnet " + name + (prefix ? " (" + prefix + ")" : "");
  if (NO_NSG_SUPPORT.includes(String(name).toLowerCase()))
    return { statusSig: true, statusMessage: label + " is one Azure does not let a network security group filter" };
  const nsgId = props.networkSecurityGroup && props.networkSecurityGroup.id;
  if (nsgId)
    return { statusSig: true, statusMessage: label + " is associated with the network security group " + String(nsgId).split("/").pop() };
  return { statusSig: false, statusMessage: label + " has no network security group" };
};
