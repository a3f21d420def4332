// The subscription's Application Insights components (Microsoft.Insights/components): CIS asks
// for at least one, so that applications' telemetry is collected somewhere.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "Microsoft.Insights", endpoint: "providers/Microsoft.Insights/components" });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const components = Array.isArray(apiResponse) ? apiResponse : [];
  if (!components.length)
    return { statusSig: false, statusMessage: "The subscription has no Application Insights component: no application telemetry is collected" };
  return { statusSig: true, statusMessage: "Application Insights component(s): " + components.map((c) => c.name + " (" + c.location + ")").join(", ") };
};
