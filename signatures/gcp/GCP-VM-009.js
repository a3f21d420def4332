// VMs of a GKE node pool carry the label goog-gke-node (and names starting gke-); their service
// account, addresses and forwarding are set by the cluster and checked by the GKE signatures.
const gkeNode = (vm) => (vm.labels && vm.labels["goog-gke-node"] !== undefined) || /^gke-/.test(vm.name || "");

// An access config (ONE_TO_ONE_NAT, with or without a natIP yet) gives the interface an external IPv4
// address; an ipv6AccessConfig gives it an external IPv6 address.
module.exports = async function (apiCaller, resource) {
  const vm = resource.data;
  if (gkeNode(vm)) return { statusSig: true, statusMessage: "GKE node: checked by the cluster's private nodes setting" };
  const external = [];
  for (const nic of vm.networkInterfaces || []) {
    for (const a of nic.accessConfigs || []) external.push(nic.name + ": " + (a.natIP || "ephemeral IPv4 when running"));
    for (const a of nic.ipv6AccessConfigs || []) external.push(nic.name + ": " + (a.externalIpv6 || "external IPv6"));
  }
  if (external.length) return { statusSig: false, statusMessage: "External address(es): " + external.join(", ") };
  return { statusSig: true, statusMessage: "Internal addresses only" };
};
