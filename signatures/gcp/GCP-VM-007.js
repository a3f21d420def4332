// A disk protected by a customer-supplied key shows diskEncryptionKey.sha256 (the key's hash) in the
// instance's attached disks; Google-managed and Cloud KMS keys do not.
module.exports = async function (apiCaller, resource) {
  const disks = resource.data.disks || [];
  const name = (d) => d.deviceName || String(d.source || "").split("/").pop();
  const without = disks.filter((d) => !(d.diskEncryptionKey && d.diskEncryptionKey.sha256));
  if (without.length === 0) return { statusSig: true, statusMessage: disks.length + " disk(s), all with a customer-supplied key" };
  const how = (d) => name(d) + ((d.diskEncryptionKey || {}).kmsKeyName ? " (Cloud KMS key)" : " (Google-managed key)");
  return { statusSig: false, statusMessage: "Not customer-supplied: " + without.map(how).join(", ") };
};
