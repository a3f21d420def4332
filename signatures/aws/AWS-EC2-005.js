module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EC2", endpoint: "describeInstances", params: { InstanceIds: [resource.id] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const instance = apiResponse[0].Instances[0];
  const tokens = instance.MetadataOptions && instance.MetadataOptions.HttpTokens;
  return tokens === "required" ? { statusSig: true } : { statusSig: false, statusMessage: "HttpTokens is " + (tokens || "not set") };
};
