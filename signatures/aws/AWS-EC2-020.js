// resource.data is the gateway as DescribeTransitGateways listed it, options included; describe it
// only when the data is not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let gateway = resource.data || {};
  if (!gateway.TransitGatewayId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeTransitGateways", params: { TransitGatewayIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    gateway = apiResponse[0];
  }
  return gateway.Options && gateway.Options.AutoAcceptSharedAttachments === "enable" ? { statusSig: false } : { statusSig: true };
};
