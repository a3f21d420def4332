// CIS Google Cloud 2.11 (v4.0) / 2.12 (v5.0): a log-based metric counting SQL instance
// configuration changes, and an enabled alert policy on it. The metric's filter must hold every
// fragment below (blanks and case aside, so the metric may say more around them); a disabled
// metric counts nothing. An alert policy watches the metric when one of its conditions filters on
// logging.googleapis.com/user/METRIC (lib.gcp.logMetricMonitoring).
const FRAGMENTS = [
  "\"cloudsql.instances.update\""
];

module.exports = (apiCaller, resource, lib) => lib.gcp.logMetricMonitoring(apiCaller, resource, FRAGMENTS, "SQL instance configuration changes");
