module.exports = async function (apiCaller, resource) {
  const cluster = await described(apiCaller, resource);
  const zones = new Set((cluster.Nodes || []).map((n) => n.AvailabilityZone).filter(Boolean));
  return zones.size >= 2 ? { statusSig: true, statusMessage: "Nodes in " + [...zones].join(", ") }
                         : { statusSig: false, statusMessage: (cluster.TotalNodes || 0) + " node(s) in " + (zones.size || "no known") + " Availability Zone(s)" };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.ClusterName !== undefined) return resource.data;
  const res = await apiCaller({ service: "DAX", endpoint: "describeClusters", params: { ClusterNames: [resource.name] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}
