// The implicit grant returns tokens in the URL fragment of the redirect, where browser history,
// logs and scripts on the page can read them. Both switches are off by default; modern apps use
// the authorization code flow with PKCE instead.
module.exports = async function (apiCaller, resource) {
  const implicit = ((resource.data || {}).web || {}).implicitGrantSettings || {};
  const issued = [];
  if (implicit.enableAccessTokenIssuance === true) issued.push("access tokens");
  if (implicit.enableIdTokenIssuance === true) issued.push("ID tokens");
  if (!issued.length) return { statusSig: true, statusMessage: "The implicit grant is off" };
  return { statusSig: false, statusMessage: "The implicit grant issues " + issued.join(" and ") + " in the redirect URL" };
};
