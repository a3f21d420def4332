// parameters.enableNoPublicIp (secure cluster connectivity). Older workspaces listed without it
// were created with public IPs on their cluster nodes.
module.exports = async function (apiCaller, resource) {
  const params = (((resource.data || {}).properties || {}).parameters) || {};
  const noPublicIp = (params.enableNoPublicIp || {}).value === true;
  return { statusSig: noPublicIp, statusMessage: noPublicIp ? "No Public IP (secure cluster connectivity) is enabled" : "Cluster nodes get public IP addresses" };
};
