// defaultToOAuthAuthentication absent means false (Azure's default): the portal then opens
// blobs, files and queues with the account key when the user may list keys.
module.exports = async function (apiCaller, resource, lib) {
  const value = ((await lib.azure.item(apiCaller, resource)).properties || {}).defaultToOAuthAuthentication;
  const shown = value === false ? "false" : "not set (Azure's default: false)";
  return value === true
    ? { statusSig: true, statusMessage: "The Azure portal authorizes data access with Microsoft Entra ID by default" }
    : { statusSig: false, statusMessage: "defaultToOAuthAuthentication is " + shown + ": the Azure portal uses the account key for data access by default" };
};
