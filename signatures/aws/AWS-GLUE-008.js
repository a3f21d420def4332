module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "Glue", endpoint: "getResourcePolicy", params: {}, serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "EntityNotFoundException") return { statusSig: true, statusMessage: "The catalog has no resource policy" };
  if (error) throw new Error(error.code + ": " + error.message);
  if (!apiResponse.PolicyInJson) return { statusSig: true, statusMessage: "The catalog has no resource policy" };
  return lib.iam.isPublic(apiResponse.PolicyInJson) ? { statusSig: false } : { statusSig: true };
};
