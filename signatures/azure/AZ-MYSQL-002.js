// tls_version: the TLS versions the server accepts; a server without the parameter fails.
// A comma-separated set of protocols ("TLSv1.2,TLSv1.3"); every one allowed must be TLS 1.2 or
// newer. Each is judged alone, so that "TLSv1" (MySQL's name for TLS 1.0, which names no minor
// version) fails rather than being passed over in a list.
module.exports = async function (apiCaller, resource, lib) {
  const value = await lib.azure.serverParameter(apiCaller, resource, "tls_version");
  if (value === null) return { statusSig: false, statusMessage: "The server has no parameter tls_version" };
  const allowed = value.split(",").map((v) => v.trim()).filter((v) => v);
  const ok = allowed.length > 0 && allowed.every((v) => lib.azure.tlsAtLeast(v, "1.2"));
  return { statusSig: ok, statusMessage: "tls_version is '" + value + "'" };
};
