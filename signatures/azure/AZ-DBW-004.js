// VNet injection puts the clusters in two subnets of the customer's virtual network (parameters
// customVirtualNetworkId, customPublicSubnetName, customPrivateSubnetName; the values are "" when
// the workspace was not injected). Each subnet is read for its networkSecurityGroup. A workspace in
// a Databricks-managed network fails: its subnets cannot carry the customer's NSGs.
module.exports = async function (apiCaller, resource) {
  const params = (((resource.data || {}).properties || {}).parameters) || {};
  const value = (name) => String((params[name] || {}).value || "");
  const vnet = value("customVirtualNetworkId");
  if (!vnet)
    return { statusSig: false, statusMessage: "The workspace is not VNet-injected: its clusters run in a Databricks-managed virtual network, whose subnets cannot carry your network security groups" };
  const names = [value("customPublicSubnetName"), value("customPrivateSubnetName")].filter((n) => n);
  if (!names.length) return { statusSig: false, statusMessage: "The workspace names no subnet of " + vnet.split("/").pop() };

  const covered = [], uncovered = [];
  for (const name of names) {
    const res = await apiCaller({ service: "Microsoft.Network", endpoint: "{id}", params: { id: vnet + "/subnets/" + name } });
    const { apiResponse, error } = res[0][0];
    if (error && error.statusCode === 404) {
      uncovered.push(name + " (no such subnet in " + vnet.split("/").pop() + ")");
      continue;
    }
    if (error) throw new Error(error.code + ": " + error.message);
    const nsg = ((((apiResponse || {}).properties || {}).networkSecurityGroup) || {}).id;
    if (nsg) covered.push(name + " (" + String(nsg).split("/").pop() + ")");
    else uncovered.push(name);
  }
  if (uncovered.length)
    return { statusSig: false, statusMessage: "Subnet(s) of the workspace in " + vnet.split("/").pop() + " without a network security group: " + uncovered.join(", ") };
  return { statusSig: true, statusMessage: "Each subnet of the workspace in " + vnet.split("/").pop() + " has a network security group: " + covered.join(", ") };
};
