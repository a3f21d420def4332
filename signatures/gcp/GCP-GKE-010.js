module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  if (lib.gcp.isAutopilot(cluster)) return { statusSig: true, statusMessage: "Autopilot nodes always use Secure Boot" };
  const without = lib.gcp.nodePools(cluster).filter((p) => (p.config.shieldedInstanceConfig || {}).enableSecureBoot !== true).map((p) => p.name);
  if (without.length) return { statusSig: false, statusMessage: "Without Secure Boot: " + without.join(", ") };
  return { statusSig: true, statusMessage: "Secure Boot on every node pool" };
};
