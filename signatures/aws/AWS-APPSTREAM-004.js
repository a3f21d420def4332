// resource.data is the fleet as DescribeFleets listed it.
module.exports = async function (apiCaller, resource) {
  const fleet = resource.data || {};
  const seconds = fleet.IdleDisconnectTimeoutInSeconds || 0;  // 0: never
  return seconds > 0 && seconds <= 600 ? { statusSig: true, statusMessage: seconds + " s" } : { statusSig: false, statusMessage: seconds ? seconds + " s" : "Never" };
};
