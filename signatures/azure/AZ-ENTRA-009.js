// defaultUserRolePermissions.allowedToCreateApps: absent means true (Entra's default).
module.exports = async function (apiCaller, resource) {
  const allowed = ((resource.data || {}).defaultUserRolePermissions || {}).allowedToCreateApps !== false;
  return { statusSig: !allowed, statusMessage: allowed ? "Every user can register applications" : "Only administrators can register applications" };
};
