// A key's rotation policy (properties.rotationPolicy) rotates it automatically when one of its
// lifetimeActions has action type "rotate"; "notify" only warns. The policy is read from the key
// itself when the listing did not carry it.
module.exports = async function (apiCaller, resource, lib) {
  let key = await lib.azure.item(apiCaller, resource);
  // Without data the resource is read by its id: the key as the vault gives it.
  if (!(key.properties || {}).rotationPolicy) key = await lib.azure.item(apiCaller, { id: resource.id, service: resource.service });
  const props = key.properties || {};
  if ((props.attributes || {}).enabled === false) return { statusSig: true, statusMessage: "The key is disabled" };
  const actions = ((props.rotationPolicy || {}).lifetimeActions || []).filter(
    (a) => String(((a || {}).action || {}).type || "").toLowerCase() === "rotate");
  if (actions.length === 0)
    return { statusSig: false, statusMessage: props.rotationPolicy ? "The key's rotation policy has no rotate action (at most it notifies)" : "The key has no rotation policy" };
  const trigger = actions[0].trigger || {};
  const when = trigger.timeAfterCreate ? trigger.timeAfterCreate + " after creation" : trigger.timeBeforeExpiry ? trigger.timeBeforeExpiry + " before expiry" : "on its policy's schedule";
  return { statusSig: true, statusMessage: "The key rotates automatically " + when };
};
