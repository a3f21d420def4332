// VMs of a GKE node pool carry the label goog-gke-node (and names starting gke-); their service
// account, addresses and forwarding are set by the cluster and checked by the GKE signatures.
const gkeNode = (vm) => (vm.labels && vm.labels["goog-gke-node"] !== undefined) || /^gke-/.test(vm.name || "");

// The Compute Engine default service account: PROJECT_NUMBER-compute@developer.gserviceaccount.com.
const isDefaultAccount = (email) => /^\d+-compute@developer\.gserviceaccount\.com$/.test(email || "");

const FULL = "https://www.googleapis.com/auth/cloud-platform";

module.exports = async function (apiCaller, resource) {
  const vm = resource.data;
  if (gkeNode(vm)) return { statusSig: true, statusMessage: "GKE node: its account and scopes are the node pool's" };
  const full = (vm.serviceAccounts || []).filter((a) => isDefaultAccount(a.email) && (a.scopes || []).includes(FULL));
  if (full.length) return { statusSig: false, statusMessage: "The default service account " + full[0].email + " has the cloud-platform scope" };
  return { statusSig: true, statusMessage: "No default service account with the cloud-platform scope" };
};
