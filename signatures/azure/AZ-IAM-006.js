// The users holding Owner (8e3af657-...) on the subscription: assigned on it or above it (the
// root "/", management groups; the subscription's list gives only its own ancestors), directly
// or through a group, nested groups included (transitiveMembers). CIS asks for two or three: one
// is a single point of failure, more is needless standing power. Service principals and managed
// identities do not count, nor owners of a resource group only. An assignment whose user no
// longer exists ("Identity not found") makes nobody an owner.
const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

module.exports = async function (apiCaller, resource, lib) {
  const read = async (service, endpoint, params) => {
    const [[{ apiResponse, error }]] = await apiCaller({ service, endpoint, params });
    if (error) throw new Error(error.code + ": " + error.message);
    return apiResponse || [];
  };
  const subscription = ("/subscriptions/" + resource.accountId).toLowerCase();
  const directory = await read("Graph", "users", { $select: "id,userPrincipalName,userType,accountEnabled" });
  const owners = new Map();  // user id -> user principal name
  for (const a of await read("Microsoft.Authorization", "providers/Microsoft.Authorization/roleAssignments", {})) {
    const p = a.properties || {};
    const scope = String(p.scope || "").toLowerCase();
    const reaches = scope === subscription || scope === "/" || scope.startsWith("/providers/microsoft.management/managementgroups/");
    if (!reaches || String(p.roleDefinitionId || "").split("/").pop().toLowerCase() !== OWNER) continue;
    if (p.principalType === "User") {
      const user = directory.find((u) => u.id === p.principalId);
      if (user) owners.set(user.id, user.userPrincipalName || user.id);
    } else if (p.principalType === "Group") {
      // A deleted group passes the role to nobody.
      for (const m of await lib.entra.groupUsers(apiCaller, p.principalId)) owners.set(m.id, m.userPrincipalName || m.id);
    }
  }
  const names = [...owners.values()];
  const ok = names.length >= 2 && names.length <= 3;
  return { statusSig: ok, statusMessage: names.length + " user(s) own the subscription" + (names.length ? ": " + names.join(", ") : "") + (ok ? "" : " (2 or 3 wanted)") };
};
