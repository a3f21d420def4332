// allowSharedKeyAccess absent (null) means true: Azure accepts requests signed with the account
// keys, and account or service SAS tokens made from them, unless it is explicitly false.
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  if (props.allowSharedKeyAccess === false)
    return { statusSig: true, statusMessage: "Shared key access is disallowed: requests must be authorized with Microsoft Entra ID (or a user delegation SAS)" };
  return {
    statusSig: false,
    statusMessage: "allowSharedKeyAccess is " + (props.allowSharedKeyAccess === true ? "true" : "not set (Azure's default: allowed)") +
      ": anyone holding an account key, or a SAS signed with one, reaches all the account's data",
  };
};
