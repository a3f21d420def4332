// CIS 8.5: DDoS Network Protection is a plan linked to the virtual network: enableDdosProtection
// (absent: false, Azure's default, which leaves only the basic infrastructure protection) with a ddosProtectionPlan.
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  const plan = (props.ddosProtectionPlan || {}).id;
  if (props.enableDdosProtection === true && plan)
    return { statusSig: true, statusMessage: "The virtual network is protected by the DDoS protection plan " + String(plan).split("/").pop() };
  return { statusSig: false, statusMessage: "The virtual network has no DDoS Network Protection (enableDdosProtection " + (props.enableDdosProtection === true) + (plan ? "" : ", no protection plan") + ")" };
};
