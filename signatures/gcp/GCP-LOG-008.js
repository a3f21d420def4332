// CIS Google Cloud 2.9 (v4.0) / 2.10 (v5.0): a log-based metric counting VPC network changes, and
// an enabled alert policy on it. The metric's filter must hold every fragment below (blanks and
// case aside, so the metric may say more around them); a disabled metric counts nothing. An alert
// policy watches the metric when one of its conditions filters on
// logging.googleapis.com/user/METRIC (lib.gcp.logMetricMonitoring).
const FRAGMENTS = [
  "resource.type=\"gce_network\"",
  "\"compute.networks.insert\"",
  "\"compute.networks.patch\"",
  "\"compute.networks.delete\"",
  "\"compute.networks.removePeering\"",
  "\"compute.networks.addPeering\""
];

module.exports = (apiCaller, resource, lib) => lib.gcp.logMetricMonitoring(apiCaller, resource, FRAGMENTS, "VPC network changes");
