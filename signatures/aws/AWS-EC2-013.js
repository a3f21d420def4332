// One DescribeVpcEndpoints per region, shared by every VPC of the scan.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EC2", endpoint: "describeVpcEndpoints", params: {} });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const wanted = "com.amazonaws." + resource.region + ".ec2";
  const found = apiResponse.find((e) => e.VpcId === resource.id && e.ServiceName === wanted &&
                                        !["deleted", "deleting", "rejected", "failed"].includes(String(e.State).toLowerCase()));
  return found ? { statusSig: true, statusMessage: "Endpoint " + found.VpcEndpointId } : { statusSig: false };
};
