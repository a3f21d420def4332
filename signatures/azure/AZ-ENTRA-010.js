// defaultUserRolePermissions.allowedToCreateTenants: absent means true (Entra's default).
module.exports = async function (apiCaller, resource) {
  const allowed = ((resource.data || {}).defaultUserRolePermissions || {}).allowedToCreateTenants !== false;
  return { statusSig: !allowed, statusMessage: allowed ? "Every user can create new tenants" : "Only administrators can create tenants" };
};
