// resource.data is the subnet as DescribeSubnets listed it; describe it only when the data is not
// that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let subnet = resource.data || {};
  if (!subnet.SubnetId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeSubnets", params: { SubnetIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    subnet = apiResponse[0];
  }
  return subnet.MapPublicIpOnLaunch ? { statusSig: false } : { statusSig: true };
};
