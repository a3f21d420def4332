// A Defender plan is On at the Standard tier; a plan the list leaves out was never turned on (Free).
// Defender for Servers is the pricing plan VirtualMachines, in Plan 1 or Plan 2 (subPlan P1 or P2);
// either is On. It also covers Arc-enabled machines.
module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/pricings" });
  if (error) throw new Error(error.code + ": " + error.message);
  const tier = (((apiResponse || []).find((p) => /^VirtualMachines$/i.test(p.name)) || {}).properties || {}).pricingTier || "Free";
  return { statusSig: tier === "Standard", statusMessage: "Defender for Servers is " + (tier === "Standard" ? "On" : "Off") + " (pricing tier " + tier + ")" };
};
