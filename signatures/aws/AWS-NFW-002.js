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
  return (await firewallOf(apiCaller, resource)).DeleteProtection ? { statusSig: true } : { statusSig: false };
};
