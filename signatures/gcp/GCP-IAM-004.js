// CIS Google Cloud 1.6 (v4.0) / 1.7 (v5.0): the project's IAM policy binds nobody to
// roles/iam.serviceAccountUser or roles/iam.serviceAccountTokenCreator. On the project they
// reach every service account in it. Conditional bindings count: they grant when the condition
// holds. lib.gcp.projectPolicy gives the policy the inventory read (read again only when absent).
const ROLES = ["roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"];

module.exports = async function (apiCaller, resource, lib) {
  const policy = await lib.gcp.projectPolicy(apiCaller, resource);
  const grants = lib.gcp.bindings(policy).filter((b) => ROLES.includes(b.role));
  if (!grants.length)
    return { statusSig: true, statusMessage: "No principal holds Service Account User or Service Account Token Creator on project " + resource.accountId };
  const list = grants.map((b) => b.member + " as " + b.role.replace("roles/iam.", "") + (b.condition ? " (if " + (b.condition.title || b.condition.expression) + ")" : ""));
  return { statusSig: false, statusMessage: "On project " + resource.accountId + ", every service account can be used by: " + list.join(", ") };
};
