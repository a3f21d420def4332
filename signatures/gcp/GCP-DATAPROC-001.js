// CIS Google Cloud 8.1 (v4.0 and v5.0): the cluster's config.encryptionConfig names a Cloud KMS
// key: gcePdKmsKeyName (its persistent disks) or kmsKey (disks and job arguments).
module.exports = async function (apiCaller, resource) {
  const encryption = ((resource.data || {}).config || {}).encryptionConfig || {};
  const key = encryption.gcePdKmsKeyName || encryption.kmsKey;
  const cluster = "Dataproc cluster " + resource.name + " (" + resource.region + ")";
  if (key) return { statusSig: true, statusMessage: cluster + " encrypts its disks with " + key };
  return { statusSig: false, statusMessage: cluster + " has no customer-managed key: its disks use Google-managed encryption" };
};
