// resource.data is the launch configuration as DescribeLaunchConfigurations listed it; describe it
// only when the data is not that listing's item (e.g. a hand-written resource in `signet test`).
async function configurationOf(apiCaller, resource) {
  if (resource.data && resource.data.LaunchConfigurationName) return resource.data;
  const res = await apiCaller({ service: "AutoScaling", endpoint: "describeLaunchConfigurations", params: { LaunchConfigurationNames: [resource.name] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

module.exports = async function (apiCaller, resource) {
  const options = (await configurationOf(apiCaller, resource)).MetadataOptions || {};
  if (options.HttpEndpoint === "disabled") return { statusSig: true, statusMessage: "The metadata service is disabled" };
  return options.HttpTokens === "required" ? { statusSig: true } : { statusSig: false, statusMessage: "HttpTokens is " + (options.HttpTokens || "not set") };
};
