// resource.data is the domain name as GetDomainNames listed it; describe it only when the data is
// not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let domain = resource.data || {};
  if (!domain.domainName) {
    const res = await apiCaller({ service: "APIGateway", endpoint: "getDomainName", params: { domainName: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    domain = apiResponse;
  }
  const policy = domain.securityPolicy || "TLS_1_0";
  return policy === "TLS_1_0" ? { statusSig: false } : { statusSig: true, statusMessage: "Security policy " + policy };
};
