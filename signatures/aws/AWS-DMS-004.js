module.exports = async function (apiCaller, resource) {
  const endpoint = await described(apiCaller, resource);
  // Engines whose link is secured by their own settings, not by SslMode.
  const OWN_SETTINGS = ["s3", "dynamodb", "kinesis", "kafka", "neptune", "opensearch", "elasticsearch", "redis", "docdb-elastic"];
  if (OWN_SETTINGS.includes(endpoint.EngineName)) return { statusSig: true, statusMessage: endpoint.EngineName + " endpoints are secured by their own settings" };
  const mode = endpoint.SslMode || "none";
  return mode !== "none" ? { statusSig: true, statusMessage: "SSL mode " + mode } : { statusSig: false };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.EngineName !== undefined) return resource.data;
  const res = await apiCaller({ service: "DMS", endpoint: "describeEndpoints", params: { Filters: [{ Name: "endpoint-id", Values: [resource.name] }] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}
