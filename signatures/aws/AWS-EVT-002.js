// resource.data is the endpoint as ListEndpoints listed it (ReplicationConfig); described only
// when missing (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let endpoint = resource.data || {};
  if (!endpoint.Arn) {
    const res = await apiCaller({ service: "EventBridge", endpoint: "describeEndpoint", params: { Name: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    endpoint = apiResponse;
  }
  const state = (endpoint.ReplicationConfig || {}).State || "ENABLED";  // replication is on unless turned off
  return state === "ENABLED" ? { statusSig: true } : { statusSig: false };
};
