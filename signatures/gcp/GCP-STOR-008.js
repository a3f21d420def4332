module.exports = async function (apiCaller, resource) {
  const key = (resource.data.encryption || {}).defaultKmsKeyName;
  return { statusSig: !!key, statusMessage: key ? "Default key " + key : "Objects are encrypted with Google-managed keys" };
};
