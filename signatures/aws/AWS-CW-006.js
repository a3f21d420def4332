// CIS AWS Foundations monitoring: this trail's log group has a metric filter that counts what
// the requirement names, with an alarm notifying an SNS topic that has a confirmed subscriber.
// lib.cloudwatch.monitoring judges what this code fetched; alarms and subscriptions are asked
// for only when a filter covers the requirement.
const REQUIREMENT = "consoleAuthFailures";

const answer = (res) => {
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
};

module.exports = async function (apiCaller, resource, lib) {
  // resource.data is the trail as DescribeTrails listed it; describe it when it is not.
  let trail = resource.data;
  if (!trail || !trail.TrailARN) {
    const listed = answer(await apiCaller({ service: "CloudTrail", endpoint: "describeTrails", params: { trailNameList: [resource.arn] } }));
    trail = listed.trailList.find((t) => t.TrailARN === resource.arn) || {};
  }
  const fetched = { trails: [trail], metricFilters: [], alarms: [], subscriptions: [] };
  const group = lib.arn.parse(trail.CloudWatchLogsLogGroupArn);
  if (group) {
    const serviceParams = { region: [group.region] };
    fetched.metricFilters = answer(await apiCaller({ service: "CloudWatchLogs", endpoint: "describeMetricFilters", serviceParams,
                                                     params: { logGroupName: group.resourceId.replace(/:\*$/, "") } }));
    if (fetched.metricFilters.some((f) => lib.cloudwatch.filterCovers(f.filterPattern || "", REQUIREMENT))) {
      fetched.alarms = answer(await apiCaller({ service: "CloudWatch", endpoint: "describeAlarms", serviceParams })).MetricAlarms;
      if (fetched.alarms.some((a) => (a.AlarmActions || []).length))
        fetched.subscriptions = answer(await apiCaller({ service: "SNS", endpoint: "listSubscriptions", serviceParams }));
    }
  }
  const verdict = lib.cloudwatch.monitoring(REQUIREMENT, fetched);
  return { statusSig: verdict.met, statusMessage: verdict.message };
};
