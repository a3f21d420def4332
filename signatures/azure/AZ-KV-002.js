// A secret's metadata as Resource Manager lists it under its vault (never its value):
// properties.attributes.exp is its expiration (seconds since 1970), absent when it never
// expires. A disabled secret cannot be read, so it is not held to this rule.
module.exports = async function (apiCaller, resource, lib) {
  const { enabled, exp } = ((await lib.azure.item(apiCaller, resource)).properties || {}).attributes || {};
  if (enabled === false) return { statusSig: true, statusMessage: "The secret is disabled" };
  if (exp == null) return { statusSig: false, statusMessage: "The secret is enabled and has no expiration date" };
  const expired = lib.time.daysUntil(exp) < 0 ? " (already expired)" : "";
  return { statusSig: true, statusMessage: "The secret expires on " + lib.time.parse(exp).toISOString().slice(0, 10) + expired };
};
