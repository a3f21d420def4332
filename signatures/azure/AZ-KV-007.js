// properties.privateEndpointConnections (absent: none). Only a connection whose
// privateLinkServiceConnectionState.status is Approved carries traffic; Pending, Rejected and
// Disconnected ones do not.
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  const connections = Array.isArray(props.privateEndpointConnections) ? props.privateEndpointConnections : [];
  const state = (c) => String((((c || {}).properties || {}).privateLinkServiceConnectionState || {}).status || "");
  const endpoint = (c) => String(((((c || {}).properties || {}).privateEndpoint || {}).id || (c || {}).name || "?").split("/").pop());
  const approved = connections.filter((c) => state(c).toLowerCase() === "approved");
  if (approved.length)
    return { statusSig: true, statusMessage: "The vault has " + approved.length + " approved private endpoint(s): " + approved.map(endpoint).join(", ") };
  if (connections.length)
    return { statusSig: false, statusMessage: "No private endpoint of the vault is approved: " + connections.map((c) => endpoint(c) + " (" + (state(c) || "no status") + ")").join(", ") };
  return { statusSig: false, statusMessage: "The vault has no private endpoint: it is reached only over its public endpoint" };
};
