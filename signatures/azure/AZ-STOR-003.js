// 'Allow Blob anonymous access' on the account. Absent means the setting was never made: such
// (older) accounts allow anonymous access wherever a container asks for it, so it is not off.
module.exports = async function (apiCaller, resource, lib) {
  const allowed = ((await lib.azure.item(apiCaller, resource)).properties || {}).allowBlobPublicAccess;
  if (allowed === false) return { statusSig: true, statusMessage: "Blob anonymous access is disallowed on the account" };
  const why = allowed === true ? "allowBlobPublicAccess is true: any container may be made readable by anyone"
    : "allowBlobPublicAccess is not set: anonymous access is not disallowed on the account";
  return { statusSig: false, statusMessage: why };
};
