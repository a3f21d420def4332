// One ListResolverQueryLogConfigAssociations per region, shared by every VPC of the scan.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "Route53Resolver", endpoint: "listResolverQueryLogConfigAssociations", params: {} });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const live = apiResponse.filter((a) => a.ResourceId === resource.id && !["DELETING", "FAILED"].includes(a.Status));
  return live.length ? { statusSig: true, statusMessage: "Logged by " + live.map((a) => a.ResolverQueryLogConfigId).join(", ") } : { statusSig: false };
};
