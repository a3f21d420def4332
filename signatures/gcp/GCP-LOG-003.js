// CIS Google Cloud 2.4 (v4.0) / 2.5 (v5.0): a log-based metric counting project ownership
// assignments and changes, and an enabled alert policy on it. The metric's filter must hold every
// fragment below (blanks and case aside, so the metric may say more around them); a disabled
// metric counts nothing. An alert policy watches the metric when one of its conditions filters on
// logging.googleapis.com/user/METRIC (lib.gcp.logMetricMonitoring).
const FRAGMENTS = [
  "protoPayload.serviceName=\"cloudresourcemanager.googleapis.com\"",
  "ProjectOwnership OR projectOwnerInvitee",
  "protoPayload.serviceData.policyDelta.bindingDeltas.action=\"REMOVE\"",
  "protoPayload.serviceData.policyDelta.bindingDeltas.action=\"ADD\"",
  "protoPayload.serviceData.policyDelta.bindingDeltas.role=\"roles/owner\""
];

module.exports = (apiCaller, resource, lib) => lib.gcp.logMetricMonitoring(apiCaller, resource, FRAGMENTS, "project ownership assignments and changes");
