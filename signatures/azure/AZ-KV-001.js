// A key as Resource Manager lists it under its vault: properties.attributes.exp is its
// expiration (seconds since 1970), absent when the key never expires. A disabled key cannot be
// used, so it is not held to this rule.
module.exports = async function (apiCaller, resource, lib) {
  const attributes = ((await lib.azure.item(apiCaller, resource)).properties || {}).attributes || {};
  if (attributes.enabled === false) return { statusSig: true, statusMessage: "The key is disabled" };
  if (attributes.exp == null) return { statusSig: false, statusMessage: "The key is enabled and has no expiration date" };
  const when = lib.time.parse(attributes.exp).toISOString().slice(0, 10);
  const left = lib.time.daysUntil(attributes.exp);
  return { statusSig: true, statusMessage: "The key expires on " + when + (left < 0 ? " (already expired)" : "") };
};
