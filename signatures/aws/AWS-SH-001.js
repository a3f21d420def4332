// resource.data is the region's DescribeHub answer, or empty where the listing said Security Hub
// is off; DescribeHub is asked again only when the data has no hub (the answer is shared with
// the listing), and its InvalidAccessException means "not subscribed".
module.exports = async function (apiCaller, resource) {
  let hub = resource.data || {};
  if (!hub.HubArn) {
    const res = await apiCaller({ service: "SecurityHub", endpoint: "describeHub" });
    const { apiResponse, error } = res[0][0];
    if (error && error.code === "InvalidAccessException") return { statusSig: false };
    if (error) throw new Error(error.code + ": " + error.message);
    hub = apiResponse;
  }
  return { statusSig: true, statusMessage: "Enabled since " + hub.SubscribedAt };
};
