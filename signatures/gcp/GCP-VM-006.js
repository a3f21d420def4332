// VMs of a GKE node pool carry the label goog-gke-node (and names starting gke-); their service
// account, addresses and forwarding are set by the cluster and checked by the GKE signatures.
const gkeNode = (vm) => (vm.labels && vm.labels["goog-gke-node"] !== undefined) || /^gke-/.test(vm.name || "");

module.exports = async function (apiCaller, resource) {
  const vm = resource.data;
  if (gkeNode(vm)) return { statusSig: true, statusMessage: "GKE node: forwarding is set by the cluster for pod traffic" };
  return { statusSig: vm.canIpForward !== true, statusMessage: "IP forwarding is " + (vm.canIpForward === true ? "on" : "off") };
};
