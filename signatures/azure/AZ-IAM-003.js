// A role is privileged when it can change any resource ("*") or grant access
// (Microsoft.Authorization/roleAssignments/write). Guests must not hold one, directly or
// through a group.
const GRANT = "microsoft.authorization/roleassignments/write";
const matches = (pattern, action) =>
  new RegExp("^" + String(pattern).toLowerCase().replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$").test(action);

module.exports = async function (apiCaller, resource, lib) {
  const must = async (service, endpoint, params) => {
    const [[{ apiResponse, error }]] = await apiCaller({ service, endpoint, params: params || {} });
    if (error) throw new Error(error.code + ": " + error.message);
    return apiResponse;
  };
  const a = (resource.data || {}).properties || {};
  const roleGuid = String(a.roleDefinitionId || "").split("/").pop().toLowerCase();
  const roles = (await must("Microsoft.Authorization", "providers/Microsoft.Authorization/roleDefinitions")) || [];
  let role = roles.find((r) => String(r.name).toLowerCase() === roleGuid);
  if (!role) role = await must("Microsoft.Authorization", "{id}", { id: a.roleDefinitionId });
  const props = role.properties || {};
  const privileged = (props.permissions || []).some((p) =>
    (p.actions || []).includes("*") ||
    ((p.actions || []).some((x) => matches(x, GRANT)) && !(p.notActions || []).some((x) => matches(x, GRANT))));
  if (!privileged) return { statusSig: true, statusMessage: "'" + props.roleName + "' is not a privileged role" };

  if (a.principalType !== "User" && a.principalType !== "Group") return { statusSig: true, statusMessage: "'" + props.roleName + "' is held by a " + a.principalType + ", not a user" };
  const users = (await must("Graph", "users", { $select: "id,userPrincipalName,userType,accountEnabled" })) || [];
  const byId = {};
  for (const u of users) byId[u.id] = u;
  // The users behind the principal: the user itself, or a group's users, nested groups included
  // (a deleted group gives nobody access).
  const behind = a.principalType === "User" ? [byId[a.principalId] || { id: a.principalId }]
    : (await lib.entra.groupUsers(apiCaller, a.principalId)).map((m) => Object.assign({}, m, byId[m.id] || {}));
  const guests = behind.filter((u) => u.userType === "Guest" || (!u.userType && /#EXT#@/i.test(u.userPrincipalName || "")));
  const at = " at " + (a.scope || "its scope");
  if (!guests.length) return { statusSig: true, statusMessage: "No guest holds '" + props.roleName + "'" + at };
  return {
    statusSig: false,
    statusMessage: "Guest account(s) hold the privileged role '" + props.roleName + "'" + at + (a.principalType === "Group" ? " through group " + a.principalId : "") +
      ": " + guests.map((g) => g.userPrincipalName || g.id).join(", "),
  };
};
