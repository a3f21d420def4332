// CIS Google Cloud 1.12 (v4.0) / 1.13 (v5.0): the project holds no API key (apikeys
// projects.locations.keys.list in locations/global, where every key lives; the call the
// inventory makes for apikeys/key, so it is shared). An API that is not enabled holds none.
module.exports = async function (apiCaller, resource) {
  const [[{ apiResponse, error }]] = await apiCaller({
    service: "apikeys",
    endpoint: "projects.locations.keys.list",
    params: { parent: "projects/" + resource.accountId + "/locations/global" },
    serviceParams: { apiVersion: "v2" },
  });
  if (error && !/SERVICE_DISABLED|has not been used in project|it is disabled/.test(error.code + " " + error.message))
    throw new Error(error.code + ": " + error.message);
  const keys = Array.isArray(apiResponse) ? apiResponse.filter((k) => !k.deleteTime) : [];
  if (keys.length === 0) return { statusSig: true, statusMessage: "Project " + resource.accountId + " has no API keys" };
  const named = keys.map((k) => (k.displayName ? '"' + k.displayName + '" ' : "") + "(" + String(k.name).split("/").pop() + ")");
  return {
    statusSig: false,
    statusMessage: "Project " + resource.accountId + " has " + keys.length + " API key(s): " + named.join(", ") +
      "; prefer service accounts or OAuth where the API allows it",
  };
};
