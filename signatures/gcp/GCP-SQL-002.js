// ipv4Enabled gives the instance a public IPv4 address, listed in ipAddresses with type PRIMARY.
module.exports = async function (apiCaller, resource) {
  const instance = resource.data;
  const ip = (instance.settings || {}).ipConfiguration || {};
  const publicAddresses = (instance.ipAddresses || []).filter((a) => a.type === "PRIMARY").map((a) => a.ipAddress);
  if (ip.ipv4Enabled === true || publicAddresses.length)
    return { statusSig: false, statusMessage: "Public IP " + (publicAddresses.join(", ") || "enabled") };
  return { statusSig: true, statusMessage: "Private IP only" + (ip.privateNetwork ? " on " + ip.privateNetwork : "") };
};
