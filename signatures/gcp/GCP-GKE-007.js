module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  const pool = (cluster.workloadIdentityConfig || {}).workloadPool;
  if (!pool) return { statusSig: false, statusMessage: "The cluster has no workload identity pool" };
  if (lib.gcp.isAutopilot(cluster)) return { statusSig: true, statusMessage: "Workload Identity pool " + pool + " (Autopilot)" };
  const without = lib.gcp.nodePools(cluster).filter((p) => (p.config.workloadMetadataConfig || {}).mode !== "GKE_METADATA").map((p) => p.name);
  if (without.length) return { statusSig: false, statusMessage: "Pool " + pool + " is set, but node pool(s) " + without.join(", ") + " do not use the GKE metadata server" };
  return { statusSig: true, statusMessage: "Workload Identity pool " + pool + " on every node pool" };
};
