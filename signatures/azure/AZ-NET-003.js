// Flow logs reach Log Analytics through traffic analytics:
// properties.flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration (absent: off).
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  const target = String(props.targetResourceId || "").split("/").pop() || "its target";
  const analytics = (props.flowAnalyticsConfiguration || {}).networkWatcherFlowAnalyticsConfiguration || {};
  const workspace = analytics.workspaceResourceId || analytics.workspaceId;
  // A disabled flow log records nothing, so traffic analytics has nothing to send.
  if (props.enabled === false)
    return { statusSig: false, statusMessage: "The flow log of " + target + " is disabled, so nothing reaches Log Analytics" + (workspace ? " (workspace " + String(workspace).split("/").pop() + ")" : "") };
  if (analytics.enabled !== true || !workspace)
    return { statusSig: false, statusMessage: "The flow log of " + target + " does not send its records to Log Analytics: traffic analytics is off" };
  return { statusSig: true, statusMessage: "The flow log of " + target + " sends its records to the Log Analytics workspace " + String(workspace).split("/").pop() };
};
