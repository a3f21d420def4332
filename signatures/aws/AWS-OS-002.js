module.exports = async function (apiCaller, resource) {
  const domain = await described(apiCaller, resource);
  const vpc = domain.VPCOptions || {};
  return vpc.VPCId || (vpc.SubnetIds || []).length ? { statusSig: true, statusMessage: "In " + (vpc.VPCId || vpc.SubnetIds.join(", ")) } : { statusSig: false };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.DomainId !== undefined) return resource.data;
  const res = await apiCaller({ service: "OpenSearch", endpoint: "describeDomain", params: { DomainName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.DomainStatus;
}
