// resource.data is the endpoint as DescribeClientVpnEndpoints listed it; describe it only when the
// data is not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let endpoint = resource.data || {};
  if (!endpoint.ClientVpnEndpointId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeClientVpnEndpoints", params: { ClientVpnEndpointIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    endpoint = apiResponse[0];
  }
  const logs = endpoint.ConnectionLogOptions || {};
  return logs.Enabled ? { statusSig: true, statusMessage: "Logging to " + logs.CloudwatchLogGroup } : { statusSig: false };
};
