// A Defender plan is On at the Standard tier; a plan the list leaves out was never turned on (Free).
// Defender for Resource Manager is the pricing plan Arm: it watches the subscription's management
// operations, whoever makes them (portal, CLI, SDKs).
module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/pricings" });
  if (error) throw new Error(error.code + ": " + error.message);
  const tier = (((apiResponse || []).find((p) => /^Arm$/i.test(p.name)) || {}).properties || {}).pricingTier || "Free";
  return { statusSig: tier === "Standard", statusMessage: "Defender for Resource Manager is " + (tier === "Standard" ? "On" : "Off") + " (pricing tier " + tier + ")" };
};
