// The account's file service (one per account, "default"). shareDeleteRetentionPolicy absent,
// or its enabled absent, means off.
module.exports = async function (apiCaller, resource, lib) {
  const policy = ((await lib.azure.item(apiCaller, resource)).properties || {}).shareDeleteRetentionPolicy || {};
  if (policy.enabled !== true)
    return { statusSig: false, statusMessage: "File share soft delete is off: a deleted file share and all its files are gone at once" };
  return { statusSig: true, statusMessage: "File share soft delete keeps deleted shares for " + (policy.days == null ? "the default 7" : policy.days) + " days" };
};
