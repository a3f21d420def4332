module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  const channel = (cluster.releaseChannel || {}).channel;
  if (!channel || channel === "UNSPECIFIED") return { statusSig: false, statusMessage: "No release channel (version " + cluster.currentMasterVersion + ")" };
  return { statusSig: true, statusMessage: "Release channel " + channel };
};
