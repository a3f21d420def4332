// Initiatives take their policies' effects as parameters (…Effect); setting one to "Disabled"
// silently turns that policy off for the whole scope. The Microsoft cloud security benchmark
// assignment that Defender for Cloud creates (SecurityCenterBuiltIn) must also be enforced:
// enforcementMode DoNotEnforce keeps it from acting. Absent enforcementMode means Default.
const BENCHMARK = "1f3afdf9-d0c9-4c3d-847f-89da613e70a8";

module.exports = async function (apiCaller, resource) {
  const p = (resource.data || {}).properties || {};
  const problems = [];
  const disabled = Object.keys(p.parameters || {}).filter((name) => {
    const v = (p.parameters[name] || {}).value;
    return /effect$/i.test(name) && typeof v === "string" && v.toLowerCase() === "disabled";
  });
  if (disabled.length) problems.push(disabled.length + " polic" + (disabled.length > 1 ? "ies" : "y") + " set to Disabled (" + disabled.join(", ") + ")");
  const benchmark = String(p.policyDefinitionId || "").toLowerCase().endsWith("/" + BENCHMARK);
  if (benchmark && p.enforcementMode === "DoNotEnforce") problems.push("enforcement mode DoNotEnforce");
  const name = "'" + (p.displayName || resource.name) + "'";
  if (!problems.length) return { statusSig: true, statusMessage: "Policy assignment " + name + " turns no policy off" };
  return { statusSig: false, statusMessage: "Policy assignment " + name + ": " + problems.join("; ") };
};
