// resource.data is the fleet as DescribeFleets listed it.
module.exports = async function (apiCaller, resource) {
  const fleet = resource.data || {};
  const seconds = fleet.MaxUserDurationInSeconds;
  return seconds <= 36000 ? { statusSig: true, statusMessage: seconds / 3600 + " h" } : { statusSig: false, statusMessage: seconds / 3600 + " h" };
};
