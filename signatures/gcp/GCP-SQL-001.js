// settings.ipConfiguration.authorizedNetworks: [{ value: CIDR or address, name }]; lib.net.isWorld is true
// for 0.0.0.0/0 and ::/0.
module.exports = async function (apiCaller, resource, lib) {
  const ip = (resource.data.settings || {}).ipConfiguration || {};
  const world = (ip.authorizedNetworks || []).filter((n) => lib.net.isWorld(n.value));
  if (world.length) return { statusSig: false, statusMessage: "Authorized network(s) open to everyone: " + world.map((n) => (n.name ? n.name + " " : "") + n.value).join(", ") };
  return { statusSig: true, statusMessage: (ip.authorizedNetworks || []).length + " authorized network(s), none of them the whole Internet" };
};
