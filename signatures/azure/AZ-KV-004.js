// enablePurgeProtection absent or false means off (Azure's default; once turned on it cannot be
// turned off). Purge protection only acts on soft-deleted objects: enableSoftDelete absent means
// on (soft delete has been on for every vault since 2020 and can no longer be turned off).
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  const days = props.softDeleteRetentionInDays == null ? 90 : props.softDeleteRetentionInDays;
  if (props.enableSoftDelete === false)
    return { statusSig: false, statusMessage: "Soft delete is off (enableSoftDelete false): a deleted vault, key or secret is gone at once, and purge protection cannot apply" };
  if (props.enablePurgeProtection !== true)
    return {
      statusSig: false,
      statusMessage: "Purge protection is off (enablePurgeProtection " + (props.enablePurgeProtection === false ? "false" : "not set") +
        "): a deleted vault, key or secret can be purged before its " + days + "-day soft-delete retention ends",
    };
  return { statusSig: true, statusMessage: "Purge protection is on: deleted vault objects are kept " + days + " days and nobody can purge them sooner" };
};
