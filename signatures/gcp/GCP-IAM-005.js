// CIS Google Cloud 1.8 (v4.0) / 1.9 (v5.0): separation of duties for service accounts. No member
// of the project's IAM policy is bound to both roles/iam.serviceAccountAdmin and
// roles/iam.serviceAccountUser (conditional bindings count). resource.data.iamPolicy is the policy
// the inventory read; it is read again only when absent (a hand-written resource).
const ADMIN = "roles/iam.serviceAccountAdmin", USER = "roles/iam.serviceAccountUser";

module.exports = async function (apiCaller, resource, lib) {
  const policy = await lib.gcp.projectPolicy(apiCaller, resource);
  const all = lib.gcp.bindings(policy);
  const admins = new Set(all.filter((b) => b.role === ADMIN).map((b) => b.member));
  const both = [...new Set(all.filter((b) => b.role === USER && admins.has(b.member)).map((b) => b.member))];
  if (!both.length)
    return { statusSig: true, statusMessage: "No principal holds both Service Account Admin and Service Account User on project " + resource.accountId };
  return { statusSig: false, statusMessage: "On project " + resource.accountId + ", " + both.join(", ") + " hold(s) both Service Account Admin and Service Account User" };
};
