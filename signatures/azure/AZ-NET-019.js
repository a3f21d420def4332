// Point-to-site is properties.vpnClientConfiguration with a client address pool. Its
// vpnAuthenticationTypes lists how clients sign in: AAD (Microsoft Entra ID), Certificate,
// Radius. Gateways configured before that field existed leave it out: then the configuration's
// own settings say (aadTenant; root certificates; a RADIUS server).
module.exports = async function (apiCaller, resource, lib) {
  const gateway = (await lib.azure.item(apiCaller, resource)).properties || {};
  const p2s = gateway.vpnClientConfiguration || {};
  const pool = (p2s.vpnClientAddressPool || {}).addressPrefixes || [];
  if (!pool.length)
    return { statusSig: true, statusMessage: "The " + (gateway.gatewayType || "virtual network") + " gateway has no point-to-site configuration: no VPN client signs in to it" };
  let types = Array.isArray(p2s.vpnAuthenticationTypes) ? p2s.vpnAuthenticationTypes.slice() : [];
  if (!types.length) {
    if (p2s.aadTenant) types.push("AAD");
    if ((p2s.vpnClientRootCertificates || []).length) types.push("Certificate");
    if (p2s.radiusServerAddress || (p2s.radiusServers || []).length) types.push("Radius");
  }
  if (types.length === 1 && types[0] === "AAD")
    return { statusSig: true, statusMessage: "Point-to-site clients (" + pool.join(", ") + ") sign in with Microsoft Entra ID only" };
  if (!types.length) return { statusSig: false, statusMessage: "The point-to-site configuration names no authentication type" };
  return { statusSig: false, statusMessage: "Point-to-site clients (" + pool.join(", ") + ") may sign in with " + types.join(" or ") + ", not only Microsoft Entra ID (AAD)" };
};
