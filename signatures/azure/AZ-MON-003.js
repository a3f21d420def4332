// properties.enabled absent means enabled (Azure's default for activity log alerts); the alert's
// notifications are its properties.actions.actionGroups.
module.exports = async function (apiCaller, resource) {
  let alert = resource.data || {};
  if (!alert.properties) {
    const res = await apiCaller({ service: "Microsoft.Insights", endpoint: "{id}", params: { id: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    alert = apiResponse || {};
  }
  const props = alert.properties || {};
  const groups = ((props.actions || {}).actionGroups || []).map((g) => String(g.actionGroupId || "").split("/").pop()).filter(Boolean);
  const problems = [];
  if (props.enabled === false) problems.push("is disabled" + (props.description ? " ('" + props.description + "')" : ""));
  if (!groups.length) problems.push("notifies no action group");
  if (problems.length) return { statusSig: false, statusMessage: "The activity log alert " + problems.join(" and ") };
  return { statusSig: true, statusMessage: "The activity log alert is enabled and notifies the action group(s) " + groups.join(", ") };
};
