// CIS Google Cloud 2.12 (v4.0) / 2.13 (v5.0): the network is one of the networks of a Cloud DNS
// server policy (dns policies.list of the network's project) whose enableLogging is true. A
// network has at most one policy. Network URLs are compared from projects/P/global/networks/N
// on, as the policy may name the network through another host or API version.
const tail = (url) => {
  const m = /projects\/[^/]+\/global\/networks\/[^/?]+/.exec(String(url || ""));
  return m ? m[0].toLowerCase() : String(url || "").toLowerCase();
};

module.exports = async function (apiCaller, resource) {
  const network = (resource.data || {}).selfLink || resource.id;
  const project = (/projects\/([^/]+)\//.exec(network) || [])[1] || resource.accountId;
  const [[{ apiResponse, error }]] = await apiCaller({
    service: "dns",
    endpoint: "policies.list",
    params: { project },
    serviceParams: { apiVersion: "v1beta2" },
  });
  if (error) throw new Error(error.code + ": " + error.message);
  const me = tail(network);
  const attached = (Array.isArray(apiResponse) ? apiResponse : []).filter((p) => (p.networks || []).some((n) => tail(n.networkUrl) === me));
  const logging = attached.filter((p) => p.enableLogging === true);
  if (logging.length) return { statusSig: true, statusMessage: "Network " + resource.name + " logs its DNS queries through policy " + logging.map((p) => p.name).join(", ") };
  if (attached.length)
    return { statusSig: false, statusMessage: "Network " + resource.name + " has DNS server policy " + attached.map((p) => p.name).join(", ") + ", with logging off" };
  return { statusSig: false, statusMessage: "Network " + resource.name + " has no DNS server policy, so its DNS queries are not logged" };
};
