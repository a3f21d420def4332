// A Defender plan is On at the Standard tier; a plan the list leaves out was never turned on (Free).
// Defender for App Service is the pricing plan AppServices: the web apps of every App Service plan.
module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/pricings" });
  if (error) throw new Error(error.code + ": " + error.message);
  const tier = (((apiResponse || []).find((p) => /^AppServices$/i.test(p.name)) || {}).properties || {}).pricingTier || "Free";
  return { statusSig: tier === "Standard", statusMessage: "Defender for App Service is " + (tier === "Standard" ? "On" : "Off") + " (pricing tier " + tier + ")" };
};
