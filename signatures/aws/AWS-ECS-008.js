// resource.data is the service as DescribeServices gave it (the catalog's detail call); describe it
// only when the data lacks it (e.g. a hand-written resource in `signet test`).
async function serviceOf(apiCaller, resource) {
  if (resource.data && resource.data.serviceArn) return resource.data;
  const cluster = resource.arn.split("/").slice(-2, -1)[0];  // arn:...:service/CLUSTER/NAME
  const res = await apiCaller({ service: "ECS", endpoint: "describeServices", params: { cluster, services: [resource.arn] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.services[0];
}

// The current platform versions (AWS Fargate platform versions page): 1.4.0 on Linux, 1.0.0 on Windows.
const LATEST = { LINUX: "1.4.0", WINDOWS_SERVER_2019_FULL: "1.0.0", WINDOWS_SERVER_2019_CORE: "1.0.0",
                 WINDOWS_SERVER_2022_FULL: "1.0.0", WINDOWS_SERVER_2022_CORE: "1.0.0" };

module.exports = async function (apiCaller, resource) {
  const service = await serviceOf(apiCaller, resource);
  const fargate = service.launchType === "FARGATE" || (service.capacityProviderStrategy || []).some((s) => /^FARGATE/.test(s.capacityProvider));
  if (!fargate) return { statusSig: true, statusMessage: "Not on Fargate" };
  const version = service.platformVersion || "LATEST";
  if (version === "LATEST") return { statusSig: true, statusMessage: "Platform version LATEST" };
  const latest = LATEST[service.platformFamily || "LINUX"] || LATEST.LINUX;
  return version === latest ? { statusSig: true, statusMessage: "Platform version " + version } : { statusSig: false, statusMessage: "Platform version " + version + ", latest is " + latest };
};
