// resource.data is the domain as ListDomains listed it, merged with GetDomainDetail (the catalog's
// detail call); ask only when the data lacks the detail (e.g. a hand-written resource in `signet test`).
async function detailOf(apiCaller, resource) {
  if (resource.data && resource.data.StatusList) return resource.data;
  const res = await apiCaller({ service: "Route53Domains", endpoint: "getDomainDetail", params: { DomainName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}

module.exports = async function (apiCaller, resource) {
  const detail = await detailOf(apiCaller, resource);
  const exposed = ["Admin", "Registrant", "Tech"].filter((c) => detail[c + "Privacy"] !== true);
  return exposed.length ? { statusSig: false, statusMessage: "Published: " + exposed.join(", ") } : { statusSig: true };
};
