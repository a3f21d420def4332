// minimalTlsVersion: "1.0" ... "1.3", or "None" (no minimum: every version is accepted). A
// server listed without it enforces no minimum either.
module.exports = async function (apiCaller, resource, lib) {
  const version = (((resource.data || {}).properties || {}).minimalTlsVersion) || "None";
  if (!Number.isFinite(Number(version))) return { statusSig: false, statusMessage: "The server sets no minimum TLS version (" + version + ")" };
  return { statusSig: lib.azure.tlsAtLeast(version, "1.2"), statusMessage: "The server's minimum TLS version is " + version };
};
