// resource.data is the firewall as DescribeFirewall gave it (the catalog's detail call); describe it
// only when the data lacks it (e.g. a hand-written resource in `signet test`).
async function firewallOf(apiCaller, resource) {
  if (resource.data && resource.data.FirewallArn && resource.data.SubnetMappings) return resource.data;
  const res = await apiCaller({ service: "NetworkFirewall", endpoint: "describeFirewall", params: { FirewallArn: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.Firewall;
}

module.exports = async function (apiCaller, resource) {
  const subnets = ((await firewallOf(apiCaller, resource)).SubnetMappings || []).map((m) => m.SubnetId);
  if (!subnets.length) return { statusSig: false, statusMessage: "No subnet" };
  const res = await apiCaller({ service: "EC2", endpoint: "describeSubnets", params: { SubnetIds: subnets } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const zones = [...new Set(apiResponse.map((s) => s.AvailabilityZone))];
  return zones.length > 1 ? { statusSig: true, statusMessage: zones.join(", ") } : { statusSig: false, statusMessage: "Only " + zones[0] };
};
