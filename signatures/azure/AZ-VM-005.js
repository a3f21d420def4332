// Who may export or import the disk through a SAS URL: networkAccessPolicy AllowAll (any
// network, the default), AllowPrivate (only through a disk access private endpoint) or DenyAll;
// publicNetworkAccess Disabled (default Enabled) also keeps exports off the Internet.
module.exports = async function (apiCaller, resource) {
  const p = (resource.data || {}).properties || {};
  const policy = p.networkAccessPolicy || "AllowAll";
  const access = p.publicNetworkAccess || "Enabled";
  const open = policy === "AllowAll" && access !== "Disabled";
  return { statusSig: !open, statusMessage: (open ? "Exportable from any network: " : "Not exportable over public networks: ") + "network access policy " + policy + ", public network access " + access };
};
