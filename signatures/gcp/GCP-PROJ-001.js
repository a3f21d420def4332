// CIS Google Cloud 2.13 (v4.0) / 2.14 (v5.0): cloudasset.googleapis.com is among the project's
// enabled services (serviceusage services.list with state:ENABLED, the call the inventory makes
// for serviceusage/service, so it is shared).
const API = "cloudasset.googleapis.com";

module.exports = async function (apiCaller, resource) {
  const [[{ apiResponse, error }]] = await apiCaller({
    service: "serviceusage",
    endpoint: "services.list",
    params: { parent: "projects/" + resource.accountId, filter: "state:ENABLED" },
    serviceParams: { apiVersion: "v1" },
  });
  if (error) throw new Error(error.code + ": " + error.message);
  const enabled = (Array.isArray(apiResponse) ? apiResponse : []).some(
    (s) => ((s.config || {}).name === API || String(s.name || "").endsWith("/services/" + API)) && (s.state || "ENABLED") === "ENABLED");
  return {
    statusSig: enabled,
    statusMessage: "Cloud Asset Inventory (" + API + ") is " + (enabled ? "" : "not ") + "enabled in project " + resource.accountId,
  };
};
