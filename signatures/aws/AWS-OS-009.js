module.exports = async function (apiCaller, resource) {
  const domain = await described(apiCaller, resource);
  const software = domain.ServiceSoftwareOptions || {};
  if (software.UpdateAvailable) return { statusSig: false, statusMessage: "Update to " + (software.NewVersion || "a newer service software") + " is available" + (software.AutomatedUpdateDate ? ", due " + software.AutomatedUpdateDate : "") };
  return { statusSig: true, statusMessage: software.CurrentVersion ? "Service software " + software.CurrentVersion : undefined };
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
