// Only subnets of purpose PRIVATE (or the older PRIVATE_RFC_1918) hold VMs and can log flows; proxy-only,
// Private Service Connect and NAT subnets cannot. With logging on, an unset field has the API's
// default: 5-second aggregation, sampling 0.5, all metadata.
module.exports = async function (apiCaller, resource) {
  const subnet = resource.data;
  if (subnet.purpose && subnet.purpose !== "PRIVATE" && subnet.purpose !== "PRIVATE_RFC_1918")
    return { statusSig: true, statusMessage: "A " + subnet.purpose + " subnet carries no VM traffic to log" };
  const log = subnet.logConfig || {};
  const enabled = log.enable !== undefined ? log.enable === true : subnet.enableFlowLogs === true;
  if (!enabled) return { statusSig: false, statusMessage: "VPC Flow Logs are off" };
  const problems = [];
  const interval = log.aggregationInterval || "INTERVAL_5_SEC";
  const sampling = log.flowSampling === undefined ? 0.5 : Number(log.flowSampling);
  const metadata = log.metadata || "INCLUDE_ALL_METADATA";
  if (interval !== "INTERVAL_5_SEC") problems.push("aggregates over " + interval.replace("INTERVAL_", "").toLowerCase().replace("_", " ") + " instead of 5 sec");
  if (sampling < 1) problems.push("samples " + Math.round(sampling * 100) + "% of flows");
  if (metadata !== "INCLUDE_ALL_METADATA") problems.push("metadata " + metadata);
  if (log.filterExpr && log.filterExpr.trim() !== "true") problems.push("filters flows with '" + log.filterExpr + "'");
  if (problems.length) return { statusSig: false, statusMessage: "Flow logs are on but " + problems.join(", ") };
  return { statusSig: true, statusMessage: "Flow logs record every flow every 5 seconds with all metadata" };
};
