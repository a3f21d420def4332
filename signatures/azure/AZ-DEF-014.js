// A Defender plan is On at the Standard tier; a plan the list leaves out was never turned on (Free).
// Defender for Containers is the pricing plan Containers, which replaced the deprecated
// KubernetesService and ContainerRegistry plans: only it counts.
module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/pricings" });
  if (error) throw new Error(error.code + ": " + error.message);
  const tier = (((apiResponse || []).find((p) => /^Containers$/i.test(p.name)) || {}).properties || {}).pricingTier || "Free";
  return { statusSig: tier === "Standard", statusMessage: "Defender for Containers is " + (tier === "Standard" ? "On" : "Off") + " (pricing tier " + tier + ")" };
};
