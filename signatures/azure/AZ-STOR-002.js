// The storage account's lowest accepted TLS version. Absent means Azure's default for the
// property, TLS 1.0 (accounts created before TLS 1.2 became the portal's default carry no value).
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  const value = props.minimumTlsVersion || "TLS1_0";
  const ok = lib.azure.tlsAtLeast(value, "1.2");
  const shown = value + (props.minimumTlsVersion ? "" : " (not set: Azure's default)");
  return ok
    ? { statusSig: true, statusMessage: "Minimum TLS version is " + shown }
    : { statusSig: false, statusMessage: "Minimum TLS version is " + shown + ": clients may connect with TLS older than 1.2" };
};
