// enableRBAC: Azure creates clusters with Kubernetes RBAC unless told otherwise, so absent means
// on; only a cluster created with RBAC disabled says false (and it cannot be turned on later).
module.exports = async function (apiCaller, resource) {
  const rbac = (((resource.data || {}).properties || {}).enableRBAC) !== false;
  return { statusSig: rbac, statusMessage: rbac ? "Kubernetes RBAC is enabled" : "Kubernetes RBAC is disabled: every authenticated user is all-powerful" };
};
