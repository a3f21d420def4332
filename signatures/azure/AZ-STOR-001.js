// resource.data is the account as Resource Manager listed it; lib.azure.item reads it again only
// when it is not (a hand-written resource in `signet test`). Absent, supportsHttpsTrafficOnly
// is true: Azure's default since API version 2019-04-01.
module.exports = async function (apiCaller, resource, lib) {
  const account = await lib.azure.item(apiCaller, resource);
  return { statusSig: (account.properties || {}).supportsHttpsTrafficOnly !== false };
};
