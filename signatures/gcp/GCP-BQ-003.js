// datasets.get (merged into data by the listing) carries defaultEncryptionConfiguration.kmsKeyName.
module.exports = async function (apiCaller, resource) {
  const key = (resource.data.defaultEncryptionConfiguration || {}).kmsKeyName;
  return { statusSig: !!key, statusMessage: key ? "Default key " + key : "No default key: new tables get Google-managed keys" };
};
