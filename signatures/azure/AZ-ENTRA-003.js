// Guests are accounts of another organization (or personal accounts) that this tenant does not
// manage: their password, MFA and offboarding are out of its hands. None should hold a
// directory (administrator) role.
module.exports = async function (apiCaller, resource) {
  const graph = async (endpoint, params) => {
    const res = await apiCaller({ service: "Graph", endpoint, params: params || {} });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    return apiResponse || [];
  };
  const members = await graph("directoryRoles/{roleId}/members", { roleId: resource.id });
  // Role members come with Graph's default user properties, which leave userType out.
  const users = await graph("users", { $select: "id,userPrincipalName,userType,accountEnabled" });
  const byId = {};
  for (const u of users) byId[u.id] = u;
  const guests = members
    .filter((m) => /user$/i.test(m["@odata.type"] || ""))
    .map((m) => Object.assign({}, m, byId[m.id] || {}))
    .filter((u) => u.userType === "Guest" || (!u.userType && /#EXT#@/i.test(u.userPrincipalName || "")));
  if (!guests.length) return { statusSig: true, statusMessage: "No guest holds the " + resource.name + " role" };
  return {
    statusSig: false,
    statusMessage: "Guest account(s) hold the " + resource.name + " role: " + guests.map((g) => g.userPrincipalName || g.displayName || g.id).join(", "),
  };
};
