// require_secure_transport must be on (TLS connections only); a server without it fails.
module.exports = async function (apiCaller, resource, lib) {
  const value = await lib.azure.serverParameter(apiCaller, resource, "require_secure_transport");
  if (value === null) return { statusSig: false, statusMessage: "The server has no parameter require_secure_transport" };
  return { statusSig: value.toLowerCase() === "on", statusMessage: "require_secure_transport is '" + value + "'" };
};
