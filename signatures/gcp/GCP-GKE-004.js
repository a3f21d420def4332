module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  if ((cluster.privateClusterConfig || {}).enablePrivateEndpoint === true)
    return { statusSig: true, statusMessage: "The control plane has a private endpoint only" };
  const config = cluster.masterAuthorizedNetworksConfig || {};
  if (config.enabled !== true) return { statusSig: false, statusMessage: "Authorized networks are off: the public endpoint " + (cluster.endpoint || "") + " accepts any address" };
  const blocks = (config.cidrBlocks || []).map((b) => b.cidrBlock);
  const world = blocks.filter((b) => lib.net.isWorld(b));
  if (world.length) return { statusSig: false, statusMessage: "Authorized networks include " + world.join(", ") };
  return { statusSig: true, statusMessage: "Authorized networks: " + (blocks.join(", ") || "none (internal access only)") };
};
