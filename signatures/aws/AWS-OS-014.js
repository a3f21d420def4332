module.exports = async function (apiCaller, resource, lib) {
  const domain = await described(apiCaller, resource);
  if (!domain.AccessPolicies) return { statusSig: true, statusMessage: "The domain has no access policy" };
  const open = lib.iam.publicStatements(domain.AccessPolicies);
  const inVpc = (domain.VPCOptions || {}).VPCId || ((domain.VPCOptions || {}).SubnetIds || []).length;
  if (!open.length) return { statusSig: true };
  return { statusSig: false, statusMessage: "Everyone may call the domain" + (inVpc ? " from inside its VPC" : ", from anywhere") };
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
