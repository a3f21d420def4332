// A Defender plan is On at the Standard tier; a plan the list leaves out was never turned on (Free).
// Defender CSPM is the pricing plan CloudPosture; its Free tier is the foundational posture
// management every subscription has, so only Standard is On.
module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/pricings" });
  if (error) throw new Error(error.code + ": " + error.message);
  const tier = (((apiResponse || []).find((p) => /^CloudPosture$/i.test(p.name)) || {}).properties || {}).pricingTier || "Free";
  return { statusSig: tier === "Standard", statusMessage: "Defender CSPM is " + (tier === "Standard" ? "On" : "Off") + " (pricing tier " + tier + ")" };
};
