// A Defender plan is On at the Standard tier; a plan the list leaves out was never turned on (Free).
// Defender for SQL Servers on Machines is the pricing plan SqlServerVirtualMachines: SQL Server
// running on Azure VMs and on Arc-enabled machines.
module.exports = async function (apiCaller) {
  const [[{ apiResponse, error }]] = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/pricings" });
  if (error) throw new Error(error.code + ": " + error.message);
  const tier = (((apiResponse || []).find((p) => /^SqlServerVirtualMachines$/i.test(p.name)) || {}).properties || {}).pricingTier || "Free";
  return { statusSig: tier === "Standard", statusMessage: "Defender for SQL Servers on Machines is " + (tier === "Standard" ? "On" : "Off") + " (pricing tier " + tier + ")" };
};
