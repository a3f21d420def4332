module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "ECR", endpoint: "getLifecyclePolicy", params: { repositoryName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "LifecyclePolicyNotFoundException") return { statusSig: false };
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.lifecyclePolicyText ? { statusSig: true } : { statusSig: false };
};
