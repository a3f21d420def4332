// CIS Google Cloud 1.5 (v4.0) / 1.6 (v5.0): the project's IAM policy grants the service account
// none of roles/owner, roles/editor or a role named *admin/*Admin (predefined or custom, e.g.
// roles/iam.serviceAccountAdmin, projects/P/roles/dbAdmin). A conditional binding still grants
// the role when its condition holds, so it counts too. The policy is the project's own, read
// as the inventory reads it (the same call, shared).
const isAdmin = (role) => role === "roles/owner" || role === "roles/editor" || /admin/i.test(String(role).split("/").pop());

module.exports = async function (apiCaller, resource, lib) {
  const project = (resource.data && resource.data.projectId) || resource.accountId;
  const [[{ apiResponse, error }]] = await apiCaller({
    service: "cloudresourcemanager",
    endpoint: "projects.getIamPolicy",
    params: { resource: project },
    serviceParams: { apiVersion: "v1", body: { options: { requestedPolicyVersion: 3 } } },
  });
  if (error) throw new Error(error.code + ": " + error.message);
  const email = String((resource.data && resource.data.email) || resource.name).toLowerCase();
  const member = "serviceaccount:" + email;
  const held = lib.gcp.bindings(apiResponse).filter((b) => b.member.toLowerCase() === member && isAdmin(b.role));
  if (!held.length) return { statusSig: true, statusMessage: email + " holds no Owner, Editor or admin role on project " + project };
  const roles = [...new Set(held.map((b) => b.role + (b.condition ? " (if " + (b.condition.title || b.condition.expression) + ")" : "")))];
  return { statusSig: false, statusMessage: email + " holds " + roles.join(", ") + " on project " + project };
};
