// User Access Administrator can grant any role, Owner included, to anyone. It is meant for the
// moment an administrator elevates access to fix something, not as a standing assignment.
const USER_ACCESS_ADMINISTRATOR = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
const LISTS = { User: "users", Group: "groups", ServicePrincipal: "servicePrincipals" };

module.exports = async function (apiCaller, resource) {
  const a = (resource.data || {}).properties || {};
  const roleId = String(a.roleDefinitionId || "").split("/").pop().toLowerCase();
  if (roleId !== USER_ACCESS_ADMINISTRATOR) return { statusSig: true, statusMessage: "The assignment does not grant User Access Administrator" };
  // Name the holder when the directory can tell (the message is still right without it).
  let holder = a.principalId;
  if (LISTS[a.principalType]) {
    const { apiResponse } = (await apiCaller({ service: "Graph", endpoint: LISTS[a.principalType] }))[0][0];
    const found = (apiResponse || []).find((o) => o.id === a.principalId);
    if (found) holder = "'" + (found.userPrincipalName || found.displayName) + "' (" + a.principalId + ")";
  }
  return {
    statusSig: false,
    statusMessage: "User Access Administrator is assigned to " + (a.principalType || "principal") + " " + holder + " at " + (a.scope || "an unknown scope"),
  };
};
