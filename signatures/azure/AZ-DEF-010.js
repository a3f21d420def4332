// A Defender plan is On at the Standard tier; a plan the list leaves out was never turned on (Free).
// Defender for Azure Cosmos DB is the pricing plan CosmosDbs (accounts of the NoSQL API).
module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/pricings" });
  if (error) throw new Error(error.code + ": " + error.message);
  const tier = (((apiResponse || []).find((p) => /^CosmosDbs$/i.test(p.name)) || {}).properties || {}).pricingTier || "Free";
  return { statusSig: tier === "Standard", statusMessage: "Defender for Azure Cosmos DB is " + (tier === "Standard" ? "On" : "Off") + " (pricing tier " + tier + ")" };
};
