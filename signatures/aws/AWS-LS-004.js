// resource.data is the address as GetStaticIps listed it.
module.exports = async function (apiCaller, resource) {
  const ip = resource.data || {};
  return ip.isAttached ? { statusSig: true, statusMessage: "Attached to " + ip.attachedTo } : { statusSig: false };
};
