// resource.data is the region's GetInstanceMetadataDefaults answer; ask only when the data does not
// say (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let defaults = resource.data || {};
  if (!("AccountLevel" in defaults)) {
    const res = await apiCaller({ service: "EC2", endpoint: "getInstanceMetadataDefaults" });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    defaults = apiResponse;
  }
  const level = defaults.AccountLevel || {};
  if (level.HttpEndpoint === "disabled") return { statusSig: true, statusMessage: "The metadata service is off by default" };
  return level.HttpTokens === "required" ? { statusSig: true } : { statusSig: false, statusMessage: "HttpTokens default is " + (level.HttpTokens || "not set") };
};
