module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  if (lib.gcp.isAutopilot(cluster)) return { statusSig: true, statusMessage: "Autopilot clusters always use Shielded GKE Nodes" };
  const on = (cluster.shieldedNodes || {}).enabled === true;
  return { statusSig: on, statusMessage: "Shielded GKE Nodes are " + (on ? "on" : "off") };
};
