// A Defender plan is On at the Standard tier; a plan the list leaves out was never turned on (Free).
// Defender for Azure SQL Databases is the pricing plan SqlServers: it covers Azure SQL Database,
// SQL Managed Instance and dedicated SQL pools.
module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/pricings" });
  if (error) throw new Error(error.code + ": " + error.message);
  const tier = (((apiResponse || []).find((p) => /^SqlServers$/i.test(p.name)) || {}).properties || {}).pricingTier || "Free";
  return { statusSig: tier === "Standard", statusMessage: "Defender for Azure SQL Databases is " + (tier === "Standard" ? "On" : "Off") + " (pricing tier " + tier + ")" };
};
