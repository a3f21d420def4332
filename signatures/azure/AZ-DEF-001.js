// Who hears about a security alert besides the listed addresses: the subscription's Owners when
// notificationsByRole is On and lists Owner. Absent means Off (no role is notified).
module.exports = async function (apiCaller, resource) {
  const byRole = ((resource.data || {}).properties || {}).notificationsByRole || {};
  const roles = byRole.roles || [];
  if (byRole.state === "On" && roles.includes("Owner")) return { statusSig: true, statusMessage: "Security alerts are emailed to the subscription's Owners (" + roles.join(", ") + ")" };
  if (byRole.state !== "On") return { statusSig: false, statusMessage: "Security alert emails to subscription roles are " + (byRole.state || "Off") };
  return { statusSig: false, statusMessage: "Security alert emails go to " + (roles.length ? roles.join(", ") : "no role") + ", not to Owner" };
};
