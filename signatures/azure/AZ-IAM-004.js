// A disabled account is one the organization has stopped using (a leaver, a paused contractor);
// any Azure role it still holds, directly or through a group, comes back the day it is
// re-enabled, and hides who really needs access. A user that no longer exists at all leaves an
// orphaned assignment ("Identity not found") behind.
module.exports = async function (apiCaller, resource, lib) {
  const a = (resource.data || {}).properties || {};
  if (a.principalType !== "User" && a.principalType !== "Group") return { statusSig: true, statusMessage: "The role is held by a " + a.principalType + ", not a user" };
  const graph = async (endpoint, params) => {
    const res = await apiCaller({ service: "Graph", endpoint, params: params || {} });
    return res[0][0];
  };
  const listed = await graph("users", { $select: "id,userPrincipalName,userType,accountEnabled" });
  if (listed.error) throw new Error(listed.error.code + ": " + listed.error.message);
  const byId = {};
  for (const u of listed.apiResponse || []) byId[u.id] = u;

  const problems = [];
  const judge = (id, via) => {
    const u = byId[id];
    if (!u) problems.push("user " + id + " no longer exists" + via);
    else if (u.accountEnabled === false) problems.push((u.userPrincipalName || id) + " is disabled" + via);
  };
  // A group's users, nested groups included (a deleted group gives nobody access).
  if (a.principalType === "User") judge(a.principalId, "");
  else for (const m of await lib.entra.groupUsers(apiCaller, a.principalId)) judge(m.id, " (member of group " + a.principalId + ")");
  // The role's name for the message (its definition id otherwise).
  const guid = String(a.roleDefinitionId || "").split("/").pop().toLowerCase();
  const defs = (await apiCaller({ service: "Microsoft.Authorization", endpoint: "providers/Microsoft.Authorization/roleDefinitions" }))[0][0].apiResponse || [];
  const def = defs.find((r) => String(r.name).toLowerCase() === guid);
  const what = "'" + (def && def.properties ? def.properties.roleName : guid) + "' at " + (a.scope || "its scope");
  if (!problems.length) return { statusSig: true, statusMessage: "Every user holding " + what + " is enabled" };
  return { statusSig: false, statusMessage: "Inactive account(s) hold " + what + ": " + problems.join("; ") };
};
