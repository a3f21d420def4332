// resource.data is the fleet as DescribeFleets listed it.
module.exports = async function (apiCaller, resource) {
  const fleet = resource.data || {};
  return fleet.EnableDefaultInternetAccess ? { statusSig: false } : { statusSig: true };
};
