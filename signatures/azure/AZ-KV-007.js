// properties.privateEndpointConnections (absent: none). Only a connection whose
// privateLinkServiceConnectionState.status is Approved carries traffic; Pending, Rejected and
// Disconnected ones do not.
module.exports = async function (apiCaller, resource, lib) {
  return lib.azure.privateEndpointVerdict(await lib.azure.item(apiCaller, resource), "vault");
};
