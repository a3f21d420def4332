// resource.data is the account as Resource Manager listed it; read it again only when it is
// not (a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let account = resource.data || {};
  if (!account.properties) {
    const res = await apiCaller({ service: "Microsoft.Storage", endpoint: "{id}", params: { id: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    account = apiResponse;
  }
  return { statusSig: account.properties.supportsHttpsTrafficOnly === true };
};
