module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketVersioning", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  if (apiResponse.Status === "Enabled") return { statusSig: true };
  return { statusSig: false, statusMessage: apiResponse.Status === "Suspended" ? "Versioning is suspended" : "Versioning was never enabled" };
};
