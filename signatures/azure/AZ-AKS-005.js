// The Azure Policy add-on (addonProfiles key "azurepolicy", spelt with any case).
module.exports = async function (apiCaller, resource) {
  const addons = (((resource.data || {}).properties || {}).addonProfiles) || {};
  const key = Object.keys(addons).find((k) => k.toLowerCase() === "azurepolicy");
  const on = key !== undefined && (addons[key] || {}).enabled === true;
  return { statusSig: on, statusMessage: "The Azure Policy add-on is " + (on ? "enabled" : "not enabled") };
};
