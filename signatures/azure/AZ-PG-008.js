// authConfig.activeDirectoryAuth: absent means Disabled (password authentication only).
module.exports = async function (apiCaller, resource) {
  const auth = (((resource.data || {}).properties || {}).authConfig) || {};
  const entra = auth.activeDirectoryAuth || "Disabled";
  if (entra !== "Enabled") return { statusSig: false, statusMessage: "Microsoft Entra authentication is " + entra + ": only PostgreSQL passwords are accepted" };
  return { statusSig: true, statusMessage: "Microsoft Entra authentication is enabled" + (auth.passwordAuth === "Disabled" ? " and password authentication is disabled" : "") };
};
