module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketEncryption", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "ServerSideEncryptionConfigurationNotFoundError") return { statusSig: false, statusMessage: "No default encryption is configured" };
  if (error) throw new Error(error.code + ": " + error.message);
  const rule = (apiResponse.ServerSideEncryptionConfiguration.Rules || []).find((r) => r.ApplyServerSideEncryptionByDefault) || {};
  const algorithm = rule.ApplyServerSideEncryptionByDefault ? rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm : "none";
  return algorithm.startsWith("aws:kms") ? { statusSig: true, statusMessage: "Default encryption: " + algorithm }
                                         : { statusSig: false, statusMessage: "Default encryption: " + algorithm };
};
