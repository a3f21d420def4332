// encryption.requireInfrastructureEncryption absent means false (Azure's default): data is
// encrypted once, at the service level. It can only be chosen when the account is created.
module.exports = async function (apiCaller, resource, lib) {
  const required = (((await lib.azure.item(apiCaller, resource)).properties || {}).encryption || {}).requireInfrastructureEncryption;
  if (required !== true) {
    const setting = required === false ? "false" : "not set (Azure's default: false)";
    return { statusSig: false, statusMessage: "requireInfrastructureEncryption is " + setting + ": data is encrypted only once, at the service level" };
  }
  return { statusSig: true, statusMessage: "Infrastructure encryption is on: data is encrypted twice, at the service and the infrastructure level" };
};
