// Resource locks are best managed through a dedicated custom role (a "Resource Lock
// Administrator") rather than by Owners and User Access Administrators: it must exist, be
// custom, and allow writing and deleting locks without "*" (everything) and without the power
// to grant access (roleAssignments/write), which would make it another Owner.
const matches = (pattern, action) =>
  new RegExp("^" + String(pattern).toLowerCase().replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$").test(action);
const LOCK_ACTIONS = ["microsoft.authorization/locks/write", "microsoft.authorization/locks/delete"];
const GRANT = "microsoft.authorization/roleassignments/write";

module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Authorization", endpoint: "providers/Microsoft.Authorization/roleDefinitions" });
  if (error) throw new Error(error.code + ": " + error.message);
  const custom = (apiResponse || []).filter((r) => (r.properties || {}).type === "CustomRole");
  // Within one permission block, an action counts when an action pattern covers it and no notAction does.
  const allows = (role, action) => (role.properties.permissions || []).some((p) =>
    (p.actions || []).some((a) => a !== "*" && matches(a, action)) && !(p.notActions || []).some((a) => matches(a, action)));
  const lockRoles = custom.filter((r) => LOCK_ACTIONS.every((x) => allows(r, x)));
  const dedicated = lockRoles.filter((r) => !allows(r, GRANT));
  if (dedicated.length) return { statusSig: true, statusMessage: "Custom role(s) for administering locks: " + dedicated.map((r) => r.properties.roleName).join(", ") };
  if (lockRoles.length)
    return { statusSig: false, statusMessage: "The custom role(s) that manage locks can also grant access: " + lockRoles.map((r) => r.properties.roleName).join(", ") };
  return { statusSig: false, statusMessage: "No custom role administers resource locks (writes and deletes Microsoft.Authorization/locks)" };
};
