// The proxy's SSL policy (global or regional) read and judged (lib.gcp.proxySslVerdict): a minimum below
// TLS 1.2, the COMPATIBLE profile or a weak enabled suite fails; no policy named means Google's
// default, COMPATIBLE with TLS 1.0, and fails too.
module.exports = (apiCaller, resource, lib) => lib.gcp.proxySslVerdict(apiCaller, resource, "HTTPS proxy");
