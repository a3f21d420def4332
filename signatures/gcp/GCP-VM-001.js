// VMs of a GKE node pool carry the label goog-gke-node (and names starting gke-); their service
// account, addresses and forwarding are set by the cluster and checked by the GKE signatures.
const gkeNode = (vm) => (vm.labels && vm.labels["goog-gke-node"] !== undefined) || /^gke-/.test(vm.name || "");

// The Compute Engine default service account: PROJECT_NUMBER-compute@developer.gserviceaccount.com.
const isDefaultAccount = (email) => /^\d+-compute@developer\.gserviceaccount\.com$/.test(email || "");

module.exports = async function (apiCaller, resource) {
  const vm = resource.data;
  if (gkeNode(vm)) return { statusSig: true, statusMessage: "GKE node: its service account is the node pool's" };
  const accounts = (vm.serviceAccounts || []).map((a) => a.email);
  if (accounts.length === 0) return { statusSig: true, statusMessage: "The instance runs without a service account" };
  const defaults = accounts.filter(isDefaultAccount);
  if (defaults.length) return { statusSig: false, statusMessage: "The instance runs as the default service account " + defaults[0] };
  return { statusSig: true, statusMessage: "The instance runs as " + accounts.join(", ") };
};
