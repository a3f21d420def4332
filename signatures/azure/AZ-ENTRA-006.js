// Authorization codes and tokens are delivered to the redirect URIs; over plain HTTP anyone on
// the path reads them. Loopback addresses are the one exception (native apps, local development).
const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i;

module.exports = async function (apiCaller, resource) {
  const app = resource.data || {};
  const uris = [].concat(((app.web || {}).redirectUris) || [], ((app.spa || {}).redirectUris) || [], ((app.publicClient || {}).redirectUris) || []);
  const plain = uris.filter((u) => typeof u === "string" && /^http:/i.test(u) && !LOOPBACK.test(u));
  if (!plain.length) return { statusSig: true, statusMessage: "Every redirect URI uses HTTPS (or a loopback address)" };
  return { statusSig: false, statusMessage: "Redirect URI(s) over plain HTTP: " + plain.join(", ") };
};
