// resource.data is the trail as DescribeTrails listed it; describe it only when the data is not
// that listing's item (e.g. a hand-written resource in `signet test`).
async function trailOf(apiCaller, resource) {
  if (resource.data && resource.data.TrailARN) return resource.data;
  const res = await apiCaller({ service: "CloudTrail", endpoint: "describeTrails", params: { trailNameList: [resource.arn] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.trailList.find((t) => t.TrailARN === resource.arn);
}

// A metric filter on the trail's log group whose pattern mentions every needle, with an alarm on its metric.
async function monitored(apiCaller, resource, needles) {
  const trail = (await trailOf(apiCaller, resource)) || {};
  const group = trail.CloudWatchLogsLogGroupArn;
  if (!group) return { statusSig: false, statusMessage: "The trail sends no events to CloudWatch Logs" };
  const name = group.split(":log-group:")[1].split(":")[0];
  const filters = await apiCaller({ service: "CloudWatchLogs", endpoint: "describeMetricFilters", params: { logGroupName: name } });
  if (filters[0][0].error) throw new Error(filters[0][0].error.code + ": " + filters[0][0].error.message);
  const matching = filters[0][0].apiResponse.filter((f) => needles.every((n) => (f.filterPattern || "").includes(n)));
  if (matching.length === 0) return { statusSig: false, statusMessage: "No metric filter for " + needles.join(" + ") };
  for (const f of matching)
    for (const t of f.metricTransformations) {
      const alarms = await apiCaller({ service: "CloudWatch", endpoint: "describeAlarmsForMetric",
                                       params: { MetricName: t.metricName, Namespace: t.metricNamespace } });
      if (!alarms[0][0].error && alarms[0][0].apiResponse.MetricAlarms.length > 0) return { statusSig: true };
    }
  return { statusSig: false, statusMessage: "The metric filter has no alarm" };
}

module.exports = async function (apiCaller, resource) {
  return monitored(apiCaller, resource, ["PutUserPolicy", "AttachRolePolicy"]);
};
