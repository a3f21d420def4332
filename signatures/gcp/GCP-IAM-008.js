// The default service accounts, PROJECT_NUMBER-compute@developer.gserviceaccount.com (Compute
// Engine) and PROJECT_ID@appspot.gserviceaccount.com (App Engine), of this project or another,
// hold neither roles/editor nor roles/owner in the project's IAM policy. The Google APIs service
// agent (PROJECT_NUMBER@cloudservices.gserviceaccount.com) is Google's own and needs Editor; it is
// not a default account workloads run as. resource.data.iamPolicy is the policy the inventory
// read; it is read again only when absent (a hand-written resource).
const DEFAULT_ACCOUNT = /^serviceAccount:(\d+-compute@developer\.gserviceaccount\.com|[^@]+@appspot\.gserviceaccount\.com)$/i;
const BROAD = ["roles/editor", "roles/owner"];

module.exports = async function (apiCaller, resource, lib) {
  const policy = await lib.gcp.projectPolicy(apiCaller, resource);
  const grants = lib.gcp.bindings(policy).filter((b) => BROAD.includes(b.role) && DEFAULT_ACCOUNT.test(b.member));
  if (!grants.length)
    return { statusSig: true, statusMessage: "No default Compute Engine or App Engine service account holds Editor or Owner on project " + resource.accountId };
  const list = grants.map((b) => b.member.replace(/^serviceAccount:/i, "") + " as " + b.role);
  return { statusSig: false, statusMessage: "On project " + resource.accountId + ", default service account(s) hold broad roles: " + list.join(", ") };
};
