// resource.data is the region's GetRegistryScanningConfiguration answer; ask only when the data does
// not say (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let settings = resource.data || {};
  if (!settings.scanningConfiguration) {
    const res = await apiCaller({ service: "ECR", endpoint: "getRegistryScanningConfiguration", params: {} });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    settings = apiResponse;
  }
  const config = settings.scanningConfiguration || {};
  const everything = (config.rules || []).find((r) => ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"].includes(r.scanFrequency) &&
                                                      (r.repositoryFilters || []).some((f) => f.filter === "*"));
  return everything ? { statusSig: true, statusMessage: config.scanType + " scanning, " + everything.scanFrequency } : { statusSig: false, statusMessage: "Scan type " + (config.scanType || "BASIC") + ", no rule for every repository" };
};
