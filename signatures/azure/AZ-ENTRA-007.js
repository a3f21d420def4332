// A client secret is a password for the application: the longer it stays valid, the longer a
// leaked copy works. The admin center offers at most 24 months; anything valid beyond two years
// from now was set through the API to (almost) never expire.
const MAX_DAYS = 730;

module.exports = async function (apiCaller, resource, lib) {
  const secrets = (resource.data || {}).passwordCredentials || [];
  const tooLong = [];
  for (const s of secrets) {
    const name = "'" + (s.displayName || s.keyId) + "'";
    if (!s.endDateTime) {
      tooLong.push(name + " never expires");
      continue;
    }
    const days = lib.time.daysUntil(s.endDateTime);
    if (days > MAX_DAYS) tooLong.push(name + " valid until " + s.endDateTime.slice(0, 10) + " (" + Math.round(days / 365) + " years from now)");
  }
  if (!tooLong.length) return { statusSig: true, statusMessage: secrets.length ? "Every client secret expires within two years" : "The application has no client secret" };
  return { statusSig: false, statusMessage: "Client secret(s) valid for more than two years: " + tooLong.join("; ") };
};
