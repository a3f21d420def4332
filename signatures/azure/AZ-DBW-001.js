// VNet injection: the workspace's parameters name the customer's virtual network.
module.exports = async function (apiCaller, resource) {
  const params = (((resource.data || {}).properties || {}).parameters) || {};
  const vnet = (params.customVirtualNetworkId || {}).value;
  if (!vnet) return { statusSig: false, statusMessage: "The workspace runs in a Databricks-managed virtual network" };
  const subnets = [(params.customPublicSubnetName || {}).value, (params.customPrivateSubnetName || {}).value].filter((s) => s);
  return { statusSig: true, statusMessage: "Deployed in " + String(vnet).split("/").pop() + (subnets.length ? " (subnets " + subnets.join(", ") + ")" : "") };
};
