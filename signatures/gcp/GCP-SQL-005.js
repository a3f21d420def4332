module.exports = async function (apiCaller, resource) {
  const key = (resource.data.diskEncryptionConfiguration || {}).kmsKeyName;
  return { statusSig: !!key, statusMessage: key ? "Cloud KMS key " + key : "Google-managed encryption key" };
};
