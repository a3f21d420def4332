// A custom role that allows every action ("*") and can be assigned at the root, a management
// group or a subscription is a second Owner that nobody reviews as one.
module.exports = async function (apiCaller, resource) {
  const role = (resource.data || {}).properties || {};
  if (role.type !== "CustomRole") return { statusSig: true, statusMessage: "'" + role.roleName + "' is a built-in role" };
  const everything = (role.permissions || []).some((p) => (p.actions || []).includes("*"));
  const wide = (role.assignableScopes || []).filter((s) =>
    s === "/" || /^\/subscriptions\/[^/]+\/?$/i.test(s) || /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i.test(s));
  if (everything && wide.length)
    return { statusSig: false, statusMessage: "Custom role '" + role.roleName + "' allows every action (*) and is assignable at " + wide.join(", ") };
  return {
    statusSig: true,
    statusMessage: "Custom role '" + role.roleName + "' " + (everything ? "allows every action only below subscription scope" : "does not allow every action"),
  };
};
