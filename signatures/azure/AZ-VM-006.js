// A snapshot's encryption.type; absent means the platform key.
module.exports = async function (apiCaller, resource) {
  const p = (resource.data || {}).properties || {};
  const type = (p.encryption || {}).type || "EncryptionAtRestWithPlatformKey";
  const cmk = /CustomerKey/i.test(type) || /CustomerKey/i.test(String((p.securityProfile || {}).securityType || ""));
  return { statusSig: cmk, statusMessage: "The snapshot is encrypted with " + type };
};
