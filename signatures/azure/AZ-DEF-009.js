// A Defender plan is On at the Standard tier; a plan the list leaves out was never turned on (Free).
// Defender for Open-Source Relational Databases is the pricing plan OpenSourceRelationalDatabases:
// PostgreSQL, MySQL and MariaDB servers.
module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/pricings" });
  if (error) throw new Error(error.code + ": " + error.message);
  const tier = (((apiResponse || []).find((p) => /^OpenSourceRelationalDatabases$/i.test(p.name)) || {}).properties || {}).pricingTier || "Free";
  return { statusSig: tier === "Standard", statusMessage: "Defender for Open-Source Relational Databases is " + (tier === "Standard" ? "On" : "Off") + " (pricing tier " + tier + ")" };
};
