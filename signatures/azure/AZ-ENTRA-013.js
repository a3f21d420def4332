// defaultUserRolePermissions.allowedToCreateSecurityGroups: absent means true (Entra's default).
module.exports = async function (apiCaller, resource) {
  const allowed = ((resource.data || {}).defaultUserRolePermissions || {}).allowedToCreateSecurityGroups !== false;
  return { statusSig: !allowed, statusMessage: allowed ? "Every user can create security groups" : "Only administrators can create security groups" };
};
