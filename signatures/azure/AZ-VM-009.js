// Public IP addresses on the VM's network interfaces: each NIC's IP configurations (read from
// Microsoft.Network), and the NIC configurations of VMs that define them inline.
module.exports = async function (apiCaller, resource) {
  const network = (((resource.data || {}).properties || {}).networkProfile) || {};
  const found = [];
  for (const ref of network.networkInterfaces || []) {
    if (!ref.id) continue;
    const res = await apiCaller({ service: "Microsoft.Network", endpoint: "{id}", params: { id: ref.id } });
    const { apiResponse, error } = res[0][0];
    if (error && error.statusCode === 404) continue;  // a NIC deleted since the listing
    if (error) throw new Error(error.code + ": " + error.message);
    for (const ip of ((apiResponse || {}).properties || {}).ipConfigurations || []) {
      const pip = (ip.properties || {}).publicIPAddress;
      if (pip && pip.id) found.push(String(pip.id).split("/").pop() + " on " + String(ref.id).split("/").pop());
    }
  }
  for (const nic of network.networkInterfaceConfigurations || [])
    for (const ip of ((nic.properties || {}).ipConfigurations) || [])
      if ((ip.properties || {}).publicIPAddressConfiguration) found.push("a public IP configuration on " + nic.name);
  if (found.length) return { statusSig: false, statusMessage: "Public IP address: " + found.join(", ") };
  return { statusSig: true, statusMessage: "No public IP address on the virtual machine's network interfaces" };
};
