// One DescribeNetworkInterfaces per region, shared by every group of the scan: a group is in use
// when a network interface (of an instance, load balancer, Lambda function, ...) carries it.
module.exports = async function (apiCaller, resource) {
  if (resource.data && resource.data.GroupName === "default") return { statusSig: true, statusMessage: "A VPC's default security group" };
  const res = await apiCaller({ service: "EC2", endpoint: "describeNetworkInterfaces", params: {} });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const users = apiResponse.filter((eni) => (eni.Groups || []).some((g) => g.GroupId === resource.id));
  return users.length ? { statusSig: true, statusMessage: "On " + users.length + " network interface(s)" } : { statusSig: false };
};
