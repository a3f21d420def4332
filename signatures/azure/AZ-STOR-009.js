// The account's blob service (one per account, "default"). deleteRetentionPolicy absent, or
// its enabled absent, means off: Azure's default through the API.
module.exports = async function (apiCaller, resource, lib) {
  const policy = ((await lib.azure.item(apiCaller, resource)).properties || {}).deleteRetentionPolicy || {};
  if (policy.enabled !== true)
    return { statusSig: false, statusMessage: "Blob soft delete is off: a deleted or overwritten blob is gone at once" };
  // allowPermanentDelete lets callers purge soft-deleted blobs and versions before the retention ends.
  if (policy.allowPermanentDelete === true)
    return { statusSig: false, statusMessage: "Blob soft delete is on (" + policy.days + " days) but allowPermanentDelete lets soft-deleted blobs be purged at once" };
  return { statusSig: true, statusMessage: "Blob soft delete keeps deleted blobs for " + (policy.days == null ? "the default 7" : policy.days) + " days" };
};
