// Global Administrator (role template 62e90394-...): at least two, so one lost account does not
// lock the tenant out, and fewer than five, so few accounts hold the keys to everything. Users
// count, directly or through a role-assignable group (such groups cannot hold groups); a service
// principal holding the role is named but not counted. Only active assignments are listed
// (PIM-eligible ones are not). The other directory roles pass.
const GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";

module.exports = async function (apiCaller, resource) {
  if ((resource.data || {}).roleTemplateId !== GLOBAL_ADMINISTRATOR) return { statusSig: true, statusMessage: resource.name + " is not the Global Administrator role" };
  const members = async (endpoint, params) => {
    const [[{ apiResponse, error }]] = await apiCaller({ service: "Graph", endpoint, params });
    if (error) throw new Error(error.code + ": " + error.message);
    return apiResponse || [];
  };
  const admins = new Map();  // user id -> name
  const principals = [];
  for (const m of await members("directoryRoles/{roleId}/members", { roleId: resource.id })) {
    const type = String(m["@odata.type"] || "");
    if (/serviceprincipal$/i.test(type)) principals.push(m.displayName || m.id);
    const held = /group$/i.test(type) ? await members("groups/{groupId}/members", { groupId: m.id }) : [m];
    for (const u of held) if (/user$/i.test(u["@odata.type"] || "")) admins.set(u.id, u.userPrincipalName || u.displayName || u.id);
  }
  const users = [...admins.values()].join(", ");
  const also = principals.length ? " (service principals, not counted: " + principals.join(", ") + ")" : "";
  if (admins.size > 4) return { statusSig: false, statusMessage: admins.size + " users are Global Administrators, at most 4 wanted: " + users + also };
  if (admins.size < 2)
    return { statusSig: false, statusMessage: (admins.size ? "Only " + users + " is" : "No user is") + " Global Administrator: a second one keeps the tenant from being locked out" + also };
  return { statusSig: true, statusMessage: admins.size + " users are Global Administrators: " + users + also };
};
