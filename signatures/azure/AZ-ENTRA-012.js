// allowInvitesFrom: none | adminsAndGuestInviters | adminsGuestInvitersAndAllMembers | everyone
// (absent: everyone, Entra's default).
module.exports = async function (apiCaller, resource) {
  const from = (resource.data || {}).allowInvitesFrom || "everyone";
  const ok = from === "none" || from === "adminsAndGuestInviters";
  return { statusSig: ok, statusMessage: "Guest invitations may be sent by: " + from };
};
