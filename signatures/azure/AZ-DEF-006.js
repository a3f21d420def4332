// A Defender plan is On at the Standard tier; a plan the list leaves out was never turned on (Free).
// Defender for Storage is the pricing plan StorageAccounts: the per-account plan (subPlan
// DefenderForStorageV2) and the classic per-transaction one are both On.
module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/pricings" });
  if (error) throw new Error(error.code + ": " + error.message);
  const tier = (((apiResponse || []).find((p) => /^StorageAccounts$/i.test(p.name)) || {}).properties || {}).pricingTier || "Free";
  return { statusSig: tier === "Standard", statusMessage: "Defender for Storage is " + (tier === "Standard" ? "On" : "Off") + " (pricing tier " + tier + ")" };
};
