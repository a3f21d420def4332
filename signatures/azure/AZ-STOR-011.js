// The account's blob service (one per account, "default"). isVersioningEnabled absent means off.
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  if (props.isVersioningEnabled === true) return { statusSig: true, statusMessage: "Blob versioning is enabled" };
  return { statusSig: false, statusMessage: "Blob versioning is off: an overwritten blob keeps no earlier version to restore" };
};
