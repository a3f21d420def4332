module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketOwnershipControls", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "OwnershipControlsNotFoundError") return { statusSig: false, statusMessage: "No object ownership setting: ACLs apply" };
  if (error) throw new Error(error.code + ": " + error.message);
  const ownership = ((apiResponse.OwnershipControls.Rules || [])[0] || {}).ObjectOwnership;
  return ownership === "BucketOwnerEnforced" ? { statusSig: true } : { statusSig: false, statusMessage: "Object ownership is " + ownership };
};
