// CIS Google Cloud 2.6 (v4.0) / 2.7 (v5.0): a log-based metric counting custom role changes, and
// an enabled alert policy on it. The metric's filter must hold every fragment below (blanks and
// case aside, so the metric may say more around them); a disabled metric counts nothing. An alert
// policy watches the metric when one of its conditions filters on
// logging.googleapis.com/user/METRIC (lib.gcp.logMetricMonitoring).
const FRAGMENTS = [
  "resource.type=\"iam_role\"",
  "\"google.iam.admin.v1.CreateRole\"",
  "\"google.iam.admin.v1.DeleteRole\"",
  "\"google.iam.admin.v1.UpdateRole\""
];

module.exports = (apiCaller, resource, lib) => lib.gcp.logMetricMonitoring(apiCaller, resource, FRAGMENTS, "custom role changes");
