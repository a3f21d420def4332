module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  const encryption = cluster.databaseEncryption || {};
  if (encryption.state === "ENCRYPTED" && encryption.keyName) return { statusSig: true, statusMessage: "Secrets encrypted with " + encryption.keyName };
  return { statusSig: false, statusMessage: "Application-layer secrets encryption is " + (encryption.state || "off") };
};
