// The policy's weaknesses in words (lib.gcp.sslPolicyWeaknesses): a minimum below TLS 1.2, the
// COMPATIBLE profile, or an enabled suite without forward secrecy or with 3DES, RC4 or SHA-1 CBC.
module.exports = async function (apiCaller, resource, lib) {
  const weak = lib.gcp.sslPolicyWeaknesses(resource.data);
  if (weak.length) return { statusSig: false, statusMessage: "The policy " + weak.join("; ") };
  return { statusSig: true, statusMessage: "Profile " + resource.data.profile + " with minimum " + resource.data.minTlsVersion + " and no weak cipher suites" };
};
