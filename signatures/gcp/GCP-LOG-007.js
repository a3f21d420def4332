// CIS Google Cloud 2.8 (v4.0) / 2.9 (v5.0): a log-based metric counting VPC network route changes,
// and an enabled alert policy on it. The metric's filter must hold every fragment below (blanks
// and case aside, so the metric may say more around them); a disabled metric counts nothing. An
// alert policy watches the metric when one of its conditions filters on
// logging.googleapis.com/user/METRIC (lib.gcp.logMetricMonitoring).
const FRAGMENTS = [
  "resource.type=\"gce_route\"",
  "\"compute.routes.delete\"",
  "\"compute.routes.insert\""
];

module.exports = (apiCaller, resource, lib) => lib.gcp.logMetricMonitoring(apiCaller, resource, FRAGMENTS, "VPC network route changes");
