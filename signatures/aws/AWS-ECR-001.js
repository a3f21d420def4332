// resource.data is the repository as DescribeRepositories listed it; describe it only when the data
// is not that listing's item (e.g. a hand-written resource in `signet test`).
async function repositoryOf(apiCaller, resource) {
  if (resource.data && resource.data.repositoryName) return resource.data;
  const res = await apiCaller({ service: "ECR", endpoint: "describeRepositories", params: { repositoryNames: [resource.name] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

// A registry rule's filter: "*" wildcards over repository names.
const matches = (filter, name) => new RegExp("^" + filter.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$").test(name);

module.exports = async function (apiCaller, resource) {
  const repository = await repositoryOf(apiCaller, resource);
  if (repository.imageScanningConfiguration && repository.imageScanningConfiguration.scanOnPush) return { statusSig: true, statusMessage: "Scan on push (repository setting)" };
  // The registry's scanning configuration overrides the repository's: one call per region, shared.
  const res = await apiCaller({ service: "ECR", endpoint: "getRegistryScanningConfiguration", params: {} });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const rules = (apiResponse.scanningConfiguration && apiResponse.scanningConfiguration.rules) || [];
  const rule = rules.find((r) => ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"].includes(r.scanFrequency) &&
                                 (r.repositoryFilters || []).some((f) => matches(f.filter, repository.repositoryName)));
  return rule ? { statusSig: true, statusMessage: "Registry rule: " + rule.scanFrequency } : { statusSig: false };
};
