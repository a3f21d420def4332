module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketEncryption", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "ServerSideEncryptionConfigurationNotFoundError") return { statusSig: false };
  if (error) throw new Error(error.code + ": " + error.message);
  const rules = apiResponse.ServerSideEncryptionConfiguration.Rules || [];
  const algo = rules[0] && rules[0].ApplyServerSideEncryptionByDefault && rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm;
  return algo ? { statusSig: true, statusMessage: "Default encryption: " + algo } : { statusSig: false };
};
