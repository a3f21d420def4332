// resource.data is the fleet as DescribeFleets listed it.
module.exports = async function (apiCaller, resource) {
  const fleet = resource.data || {};
  const seconds = fleet.DisconnectTimeoutInSeconds;
  return seconds <= 300 ? { statusSig: true, statusMessage: seconds + " s" } : { statusSig: false, statusMessage: seconds + " s" };
};
