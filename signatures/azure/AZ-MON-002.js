// The accounts that receive activity logs: the subscription's diagnostic settings and its (legacy)
// log profiles name them in storageAccountId. encryption.keySource absent means Microsoft.Storage,
// Azure's default (Microsoft-managed keys).
const SOURCES = [
  ["diagnostic setting", "providers/Microsoft.Insights/diagnosticSettings"],
  ["log profile", "providers/Microsoft.Insights/logProfiles"],
];

module.exports = async function (apiCaller, resource, lib) {
  const me = String(resource.id).toLowerCase();
  const via = [];
  for (const [kind, endpoint] of SOURCES) {
    const answer = (await apiCaller({ service: "Microsoft.Insights", endpoint }))[0][0];
    if (answer.error) throw new Error(answer.error.code + ": " + answer.error.message);
    for (const s of Array.isArray(answer.apiResponse) ? answer.apiResponse : [])
      if (String(((s || {}).properties || {}).storageAccountId || "").toLowerCase() === me) via.push(kind + " " + s.name);
  }
  if (!via.length) return { statusSig: true, statusMessage: "The storage account receives no activity logs" };
  const logs = "The storage account receives activity logs (" + via.join(", ") + ")";

  const encryption = ((await lib.azure.item(apiCaller, resource)).properties || {}).encryption || {};
  const source = encryption.keySource || "Microsoft.Storage";
  if (String(source).toLowerCase() !== "microsoft.keyvault")
    return { statusSig: false, statusMessage: logs + " and is encrypted with Microsoft-managed keys (key source " + source + ")" };
  const key = (encryption.keyvaultproperties || encryption.keyVaultProperties || {}).keyname;
  return { statusSig: true, statusMessage: logs + " and is encrypted with a customer-managed key" + (key ? " (" + key + ")" : "") };
};
