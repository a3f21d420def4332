// CIS Google Cloud 2.15 (v4.0) / 2.16 (v5.0): the project's Access Approval settings
// (accessapproval projects.getAccessApprovalSettings, the inventory's call for
// accessapproval/settings, so it is shared) enroll at least one service, here or through a
// folder or the organization (enrolledAncestor). Google answers NOT_FOUND for a project never
// enrolled and FAILED_PRECONDITION where Access Approval cannot be set up: both mean it is off.
const OFF = ["NOT_FOUND", "FAILED_PRECONDITION"];

module.exports = async function (apiCaller, resource) {
  const project = resource.accountId;
  const [[{ apiResponse, error }]] = await apiCaller({
    service: "accessapproval",
    endpoint: "projects.getAccessApprovalSettings",
    params: { name: "projects/" + project + "/accessApprovalSettings" },
    serviceParams: { apiVersion: "v1" },
  });
  if (error && OFF.includes(error.code))
    return { statusSig: false, statusMessage: "Project " + project + " is not enrolled in Access Approval (" + error.code + ")" };
  if (error && /SERVICE_DISABLED|has not been used in project|it is disabled/.test(error.code + " " + error.message))
    return { statusSig: false, statusMessage: "The Access Approval API is disabled in project " + project + ": Access Approval is not set up there" };
  if (error) throw new Error(error.code + ": " + error.message);
  const settings = apiResponse || {};
  // A list in Google's answers; tolerated as one object.
  const services = [].concat(settings.enrolledServices || []).filter((s) => s && s.cloudProduct);
  if (services.length > 0)
    return { statusSig: true, statusMessage: "Project " + project + " requires Access Approval for " + services.map((s) => s.cloudProduct).join(", ") };
  if (settings.enrolledAncestor === true)
    return { statusSig: true, statusMessage: "Project " + project + " is enrolled in Access Approval through a folder or its organization" };
  return { statusSig: false, statusMessage: "Project " + project + " has Access Approval settings but enrolls no service" };
};
