module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  // privateClusterConfig.enablePrivateNodes (set at creation) or networkConfig.defaultEnablePrivateNodes (newer clusters).
  const on = (cluster.privateClusterConfig || {}).enablePrivateNodes === true || (cluster.networkConfig || {}).defaultEnablePrivateNodes === true;
  return { statusSig: on, statusMessage: on ? "Private nodes" : "Nodes get public IP addresses" };
};
