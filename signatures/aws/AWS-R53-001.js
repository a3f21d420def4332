// resource.data is the zone as ListHostedZones listed it (Config.PrivateZone included).
module.exports = async function (apiCaller, resource) {
  if (resource.data && resource.data.Config && resource.data.Config.PrivateZone) return { statusSig: true, statusMessage: "A private zone" };
  const zone = resource.id.split("/").pop();  // "/hostedzone/Z123" -> "Z123"
  const res = await apiCaller({ service: "Route53", endpoint: "listQueryLoggingConfigs", params: { HostedZoneId: zone } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.length ? { statusSig: true, statusMessage: "Logging to " + apiResponse[0].CloudWatchLogsLogGroupArn } : { statusSig: false };
};
