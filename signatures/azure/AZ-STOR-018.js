// properties.privateEndpointConnections (absent: none). Only a connection whose
// privateLinkServiceConnectionState.status is Approved carries traffic; Pending, Rejected and
// Disconnected ones do not.
module.exports = async function (apiCaller, resource, lib) {
  const listed = ((await lib.azure.item(apiCaller, resource)).properties || {}).privateEndpointConnections;
  const approved = [], waiting = [];
  for (const c of Array.isArray(listed) ? listed : []) {
    const p = (c || {}).properties || {};
    const status = String((p.privateLinkServiceConnectionState || {}).status || "");
    const endpoint = String((p.privateEndpoint || {}).id || (c || {}).name || "?").split("/").pop();
    if (status.toLowerCase() === "approved") approved.push(endpoint);
    else waiting.push(endpoint + " (" + (status || "no status") + ")");
  }
  if (approved.length)
    return { statusSig: true, statusMessage: "The storage account has " + approved.length + " approved private endpoint(s): " + approved.join(", ") };
  if (waiting.length) return { statusSig: false, statusMessage: "No private endpoint of the storage account is approved: " + waiting.join(", ") };
  return { statusSig: false, statusMessage: "The storage account has no private endpoint: it is reached only over its public endpoints" };
};
