// enableRbacAuthorization true: Azure RBAC decides who may use keys, secrets and certificates.
// Absent or false: the vault's access policies decide (the default of every API version before
// 2026-02-01, so a vault that never set it uses access policies).
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  if (props.enableRbacAuthorization === true)
    return { statusSig: true, statusMessage: "The vault uses the Azure RBAC permission model" };
  const policies = Array.isArray(props.accessPolicies) ? props.accessPolicies.length : null;
  return {
    statusSig: false,
    statusMessage: "The vault uses access policies (enableRbacAuthorization " + (props.enableRbacAuthorization === false ? "false" : "not set") + ")" +
      (policies === null ? "" : ": " + policies + " access polic" + (policies === 1 ? "y" : "ies") + " grant data-plane permissions outside Azure RBAC"),
  };
};
