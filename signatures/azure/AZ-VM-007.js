// Who may export or import the snapshot through a SAS URL: networkAccessPolicy AllowAll (any
// network, the default), AllowPrivate (only through a disk access private endpoint) or DenyAll;
// publicNetworkAccess Disabled (default Enabled) also keeps exports off the Internet.
module.exports = async function (apiCaller, resource) {
  const p = (resource.data || {}).properties || {};
  const settings = "network access policy " + (p.networkAccessPolicy || "AllowAll") + ", public network access " + (p.publicNetworkAccess || "Enabled");
  if ((p.networkAccessPolicy || "AllowAll") === "AllowAll" && p.publicNetworkAccess !== "Disabled")
    return { statusSig: false, statusMessage: "Exportable from any network: " + settings };
  return { statusSig: true, statusMessage: "Not exportable over public networks: " + settings };
};
