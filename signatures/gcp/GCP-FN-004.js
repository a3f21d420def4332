// httpsTrigger.securityLevel: SECURE_ALWAYS (HTTP redirected to HTTPS) or SECURE_OPTIONAL (both served).
module.exports = async function (apiCaller, resource) {
  const trigger = resource.data.httpsTrigger;
  if (!trigger) return { statusSig: true, statusMessage: "Event-triggered: no URL" };
  const level = trigger.securityLevel || "SECURE_OPTIONAL";
  return { statusSig: level === "SECURE_ALWAYS", statusMessage: "Security level " + level };
};
