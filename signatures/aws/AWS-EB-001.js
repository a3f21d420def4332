// The environment's option settings, once per environment (shared by the Beanstalk signatures).
async function optionsOf(apiCaller, resource) {
  const env = resource.data || {};
  const res = await apiCaller({ service: "ElasticBeanstalk", endpoint: "describeConfigurationSettings",
                                params: { ApplicationName: env.ApplicationName, EnvironmentName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const options = {};
  for (const o of (apiResponse.ConfigurationSettings[0] || {}).OptionSettings || []) options[o.Namespace + ":" + o.OptionName] = o.Value;
  return options;
}

module.exports = async function (apiCaller, resource) {
  const type = (await optionsOf(apiCaller, resource))["aws:elasticbeanstalk:healthreporting:system:SystemType"];
  return type === "enhanced" ? { statusSig: true } : { statusSig: false, statusMessage: "Health reporting " + (type || "basic") };
};
