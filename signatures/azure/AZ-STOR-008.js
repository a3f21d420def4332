// encryption.keySource: Microsoft.Storage (Microsoft-managed keys, Azure's default when absent)
// or Microsoft.Keyvault (a customer-managed key in Key Vault or a managed HSM).
module.exports = async function (apiCaller, resource, lib) {
  const enc = ((await lib.azure.item(apiCaller, resource)).properties || {}).encryption || {};
  const source = enc.keySource || "Microsoft.Storage";
  if (String(source).toLowerCase() === "microsoft.keyvault") {
    const kv = enc.keyvaultproperties || enc.keyVaultProperties || {};
    const which = kv.keyname || kv.keyName ? " (key " + (kv.keyname || kv.keyName) + (kv.keyvaulturi || kv.keyVaultUri ? " in " + (kv.keyvaulturi || kv.keyVaultUri) : "") + ")" : "";
    return { statusSig: true, statusMessage: "Data is encrypted with a customer-managed key" + which };
  }
  return { statusSig: false, statusMessage: "Encryption key source is " + source + (enc.keySource ? "" : " (not set: Azure's default)") + ": data is encrypted with Microsoft-managed keys only" };
};
