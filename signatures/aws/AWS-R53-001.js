// resource.data is the zone as ListHostedZones listed it (Config.PrivateZone included). The account's
// query logging configurations come from one ListQueryLoggingConfigs call, shared by every zone.
module.exports = async function (apiCaller, resource) {
  if (resource.data && resource.data.Config && resource.data.Config.PrivateZone) return { statusSig: true, statusMessage: "A private zone" };
  const zone = resource.id.split("/").pop();  // "Z123" (or "/hostedzone/Z123" in a hand-written resource)
  const res = await apiCaller({ service: "Route53", endpoint: "listQueryLoggingConfigs", params: {} });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const config = apiResponse.find((c) => c.HostedZoneId === zone);
  return config ? { statusSig: true, statusMessage: "Logging to " + config.CloudWatchLogsLogGroupArn } : { statusSig: false };
};
