// Application Load Balancers only; resource.data.Type says which kind the balancer is.
module.exports = async function (apiCaller, resource) {
  if (resource.data && resource.data.Type && resource.data.Type !== "application") return { statusSig: true, statusMessage: "A " + resource.data.Type + " load balancer" };
  const res = await apiCaller({ service: "WAFv2", endpoint: "getWebACLForResource", params: { ResourceArn: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.WebACL ? { statusSig: true, statusMessage: "Web ACL " + apiResponse.WebACL.Name } : { statusSig: false };
};
