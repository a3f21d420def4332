// ipConfiguration.sslMode (ALLOW_UNENCRYPTED_AND_ENCRYPTED, ENCRYPTED_ONLY, TRUSTED_CLIENT_CERTIFICATE_REQUIRED)
// supersedes the older requireSsl flag, which is read when sslMode is absent.
module.exports = async function (apiCaller, resource) {
  const ip = (resource.data.settings || {}).ipConfiguration || {};
  if (ip.sslMode) {
    const ok = ip.sslMode === "ENCRYPTED_ONLY" || ip.sslMode === "TRUSTED_CLIENT_CERTIFICATE_REQUIRED";
    return { statusSig: ok, statusMessage: "SSL mode " + ip.sslMode };
  }
  return { statusSig: ip.requireSsl === true, statusMessage: ip.requireSsl === true ? "SSL is required" : "SSL is not required" };
};
