// resource.data is the connection as DescribeVpnConnections listed it, tunnel telemetry included;
// describe it only when the data is not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let vpn = resource.data || {};
  if (!vpn.VpnConnectionId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeVpnConnections", params: { VpnConnectionIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    vpn = apiResponse.VpnConnections[0];
  }
  if (vpn.State === "deleted" || vpn.State === "deleting") return { statusSig: true, statusMessage: "The connection is " + vpn.State };
  const tunnels = vpn.VgwTelemetry || [];
  const down = tunnels.filter((t) => t.Status !== "UP");
  if (tunnels.length < 2) return { statusSig: false, statusMessage: tunnels.length + " tunnel(s) reported, 2 expected" };
  return down.length
    ? { statusSig: false, statusMessage: "Down: " + down.map((t) => t.OutsideIpAddress + " (" + (t.StatusMessage || t.Status) + ")").join(", ") }
    : { statusSig: true };
};
