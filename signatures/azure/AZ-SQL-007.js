// The TDE protector: "ServiceManaged" (Microsoft's key) or "AzureKeyVault" (the customer's key).
module.exports = async function (apiCaller, resource) {
  const answer = (await apiCaller({ service: "Microsoft.Sql", endpoint: "{id}/encryptionProtector/current", params: { id: resource.id } }))[0][0];
  if (answer.error && answer.error.statusCode === 404) return { statusSig: false, statusMessage: "The server has no encryption protector: a service-managed key is used" };
  if (answer.error) throw new Error(answer.error.code + ": " + answer.error.message);
  const { serverKeyType, uri, serverKeyName } = (answer.apiResponse || {}).properties || {};
  if (serverKeyType === "AzureKeyVault") return { statusSig: true, statusMessage: "The TDE protector is the customer-managed key " + (uri || serverKeyName) };
  const kind = serverKeyType === "ServiceManaged" ? "service-managed key" : "key of type " + (serverKeyType || "unknown");
  return { statusSig: false, statusMessage: "The TDE protector is a " + kind };
};
