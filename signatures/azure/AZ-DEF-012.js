// A Defender plan is On at the Standard tier; a plan the list leaves out was never turned on (Free).
// Defender for Key Vault is the pricing plan KeyVaults; per vault or per transaction (subPlan),
// both are On.
module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/pricings" });
  if (error) throw new Error(error.code + ": " + error.message);
  const tier = (((apiResponse || []).find((p) => /^KeyVaults$/i.test(p.name)) || {}).properties || {}).pricingTier || "Free";
  return { statusSig: tier === "Standard", statusMessage: "Defender for Key Vault is " + (tier === "Standard" ? "On" : "Off") + " (pricing tier " + tier + ")" };
};
