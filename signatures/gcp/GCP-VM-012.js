// diskEncryptionKey.kmsKeyName: a Cloud KMS key (CMEK); diskEncryptionKey.sha256: a customer-supplied key.
module.exports = async function (apiCaller, resource) {
  const key = resource.data.diskEncryptionKey || {};
  if (key.kmsKeyName) return { statusSig: true, statusMessage: "Cloud KMS key " + key.kmsKeyName.replace(/\/cryptoKeyVersions\/\d+$/, "") };
  if (key.sha256) return { statusSig: true, statusMessage: "Customer-supplied key" };
  return { statusSig: false, statusMessage: "Google-managed key" };
};
