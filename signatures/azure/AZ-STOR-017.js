// allowCrossTenantReplication. Accounts created on or after 15 December 2023 disallow
// cross-tenant object replication unless the property is set to true; on older accounts it was
// left unset (null), and unset still allows it there.
// So an unset value is judged by properties.creationTime: before that date it is allowed, from it
// on disallowed. Resource Manager gives creationTime; without it (a hand-written or trimmed item)
// the current default for new accounts, false, is assumed, as the API documents it.
const CHANGED = Date.UTC(2023, 11, 15);

module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  if (props.allowCrossTenantReplication === true)
    return { statusSig: false, statusMessage: "allowCrossTenantReplication is true: object replication policies may copy the account's blobs to an account in another Microsoft Entra tenant" };
  if (props.allowCrossTenantReplication === false)
    return { statusSig: true, statusMessage: "Cross-tenant object replication is disallowed" };
  if (props.creationTime) {
    const created = lib.time.parse(props.creationTime);
    if (created.getTime() < CHANGED)
      return {
        statusSig: false,
        statusMessage: "allowCrossTenantReplication is not set on an account created on " + created.toISOString().slice(0, 10) +
          ", before 15 December 2023: unset, it still allows object replication to another Microsoft Entra tenant",
      };
    return { statusSig: true, statusMessage: "allowCrossTenantReplication is not set; the account was created after 15 December 2023, so cross-tenant replication is disallowed by default" };
  }
  return { statusSig: true, statusMessage: "allowCrossTenantReplication is not set: Azure's default for new accounts disallows cross-tenant replication (creation time unknown)" };
};
