// The Entra administrator: in the listing when it was expanded, else the administrators list.
module.exports = async function (apiCaller, resource) {
  const listed = ((resource.data || {}).properties || {}).administrators;
  let admins = [];
  if (listed && listed.administratorType) admins = [listed];
  else {
    const res = await apiCaller({ service: "Microsoft.Sql", endpoint: "{id}/administrators", params: { id: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    admins = (apiResponse || []).map((a) => a.properties || {});
  }
  const entra = admins.find((a) => a.administratorType === "ActiveDirectory" && a.login);
  if (!entra) return { statusSig: false, statusMessage: "The server has no Microsoft Entra administrator" };
  return { statusSig: true, statusMessage: "The Microsoft Entra administrator is '" + entra.login + "'" + (entra.azureADOnlyAuthentication ? " (Entra-only authentication)" : "") };
};
