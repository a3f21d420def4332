// One DescribeSubnets per region, shared by every VPC of the scan.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EC2", endpoint: "describeSubnets", params: {} });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const zones = [...new Set(apiResponse.filter((s) => s.VpcId === resource.id).map((s) => s.AvailabilityZone))];
  if (zones.length === 0) return { statusSig: false, statusMessage: "The VPC has no subnet" };
  return zones.length > 1 ? { statusSig: true, statusMessage: "Subnets in " + zones.join(", ") } : { statusSig: false, statusMessage: "Subnets only in " + zones[0] };
};
