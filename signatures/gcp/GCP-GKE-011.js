module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  if (lib.gcp.isAutopilot(cluster)) return { statusSig: true, statusMessage: "Autopilot manages node upgrades and repairs" };
  const problems = [];
  for (const p of lib.gcp.nodePools(cluster)) {
    const off = [];
    if (p.management.autoUpgrade !== true) off.push("auto-upgrade");
    if (p.management.autoRepair !== true) off.push("auto-repair");
    if (off.length) problems.push(p.name + " (" + off.join(", ") + " off)");
  }
  if (problems.length) return { statusSig: false, statusMessage: problems.join("; ") };
  return { statusSig: true, statusMessage: "Auto-upgrade and auto-repair on every node pool" };
};
