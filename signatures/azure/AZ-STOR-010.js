// The account's blob service (one per account, "default"). containerDeleteRetentionPolicy
// absent, or its enabled absent, means off: Azure's default through the API.
module.exports = async function (apiCaller, resource, lib) {
  const policy = ((await lib.azure.item(apiCaller, resource)).properties || {}).containerDeleteRetentionPolicy || {};
  if (policy.enabled !== true)
    return { statusSig: false, statusMessage: "Container soft delete is off: a deleted container and every blob in it are gone at once" };
  return { statusSig: true, statusMessage: "Container soft delete keeps deleted containers for " + (policy.days == null ? "the default 7" : policy.days) + " days" };
};
