// resource.data is the repository as ListRepositories listed it (domainName, domainOwner);
// ListPackages filters on the origin controls directly.
module.exports = async function (apiCaller, resource) {
  const repository = resource.data || {};
  const domain = repository.domainName || (resource.arn || "").split(":repository/")[1].split("/")[0];
  const params = { domain, repository: resource.name, publish: "ALLOW", upstream: "ALLOW" };
  if (repository.domainOwner) params.domainOwner = repository.domainOwner;
  const res = await apiCaller({ service: "CodeArtifact", endpoint: "listPackages", params });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  if (apiResponse.length === 0) return { statusSig: true };
  const names = apiResponse.slice(0, 5).map((p) => (p.namespace ? p.namespace + "/" : "") + p.package + " (" + p.format + ")");
  return { statusSig: false, statusMessage: apiResponse.length + " package(s): " + names.join(", ") + (apiResponse.length > 5 ? ", ..." : "") };
};
