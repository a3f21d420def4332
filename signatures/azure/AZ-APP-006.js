// identity.type: SystemAssigned, UserAssigned, both, or None (the default when absent).
module.exports = async function (apiCaller, resource) {
  const type = (((resource.data || {}).identity) || {}).type || "None";
  const has = /SystemAssigned|UserAssigned/i.test(type);
  return { statusSig: has, statusMessage: has ? "Managed identity: " + type : "The app has no managed identity" };
};
