// CIS AWS Foundations monitoring: this trail's log group has a metric filter that counts what
// the requirement names, with an alarm notifying an SNS topic that has a confirmed subscriber.
// lib.cloudwatch fetches what it needs with this signature's apiCaller (alarms and
// subscriptions only when a filter covers the requirement) and judges it.
const REQUIREMENT = "rootUsage";

module.exports = async function (apiCaller, resource, lib) {
  const fetched = await lib.cloudwatch.fetchMonitoring(apiCaller, resource, REQUIREMENT);
  const verdict = lib.cloudwatch.monitoring(REQUIREMENT, fetched);
  return { statusSig: verdict.met, statusMessage: verdict.message };
};
