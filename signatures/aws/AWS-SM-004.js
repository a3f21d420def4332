// The secret's resource policy (GetResourcePolicy: ResourcePolicy is absent when there is none).
module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "SecretsManager", endpoint: "getResourcePolicy", params: { SecretId: resource.arn || resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  if (!apiResponse.ResourcePolicy) return { statusSig: true, statusMessage: "No resource policy" };
  return lib.iam.isPublic(apiResponse.ResourcePolicy) ? { statusSig: false } : { statusSig: true };
};
