// How the Internet reaches a network interface: a public IP on one of its IP configurations (every
// port), or a public load balancer whose rules or inbound NAT rules forward to it (their backend ports).
// Inbound traffic must pass the subnet's NSG, then the interface's own. With neither, a Standard SKU
// public IP or load balancer lets nothing in (secure by default); a Basic one (the default SKU) lets all in.
const PORTS = [{ port: 22, name: "SSH" }, { port: 3389, name: "RDP" }];
const key = (id) => String(id || "").toLowerCase();
const last = (id) => String(id || "").split("/").pop();

module.exports = async function (apiCaller, resource, lib) {
  const list = async (endpoint) => {
    const res = await apiCaller({ service: "Microsoft.Network", endpoint });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    return Array.isArray(apiResponse) ? apiResponse : [];
  };
  let nic = resource.data || {};
  if (!nic.properties) {
    const res = await apiCaller({ service: "Microsoft.Network", endpoint: "{id}", params: { id: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    nic = apiResponse || {};
  }
  const props = nic.properties || {};
  const configs = Array.isArray(props.ipConfigurations) ? props.ipConfigurations : [];
  const [publicIps, balancers, networks, groups] = await Promise.all([
    list("providers/Microsoft.Network/publicIPAddresses"),
    list("providers/Microsoft.Network/loadBalancers"),
    list("providers/Microsoft.Network/virtualNetworks"),
    list("providers/Microsoft.Network/networkSecurityGroups"),
  ]);
  const byId = (items) => new Map(items.map((x) => [key(x.id), x]));
  const ips = byId(publicIps), nsgs = byId(groups);
  const subnets = new Map();
  for (const n of networks) for (const s of (n.properties || {}).subnets || []) subnets.set(key(s.id), s);

  const findings = [], entries = [];
  for (const config of configs) {
    const c = config.properties || {};
    // The Internet's ways in: { label, sku, ports: null for every port, else the forwarded ones }.
    const ways = [];
    if (c.publicIPAddress && c.publicIPAddress.id) {
      const ip = ips.get(key(c.publicIPAddress.id)) || {};
      const address = (ip.properties || {}).ipAddress;
      ways.push({ label: "public IP " + last(c.publicIPAddress.id) + (address ? " (" + address + ")" : ""), sku: (ip.sku || {}).name || "Basic", ports: null });
    }
    const pools = new Set((c.loadBalancerBackendAddressPools || []).map((p) => key(p.id)));
    const natRules = new Set((c.loadBalancerInboundNatRules || []).map((r) => key(r.id)));
    for (const lb of balancers) {
      const lp = lb.properties || {};
      const publicFronts = new Set((lp.frontendIPConfigurations || []).filter((f) => (f.properties || {}).publicIPAddress).map((f) => key(f.id)));
      if (!publicFronts.size) continue;
      const ports = [];
      for (const rule of (lp.loadBalancingRules || []).concat(lp.inboundNatRules || [])) {
        const r = rule.properties || {};
        const rulePools = [r.backendAddressPool].concat(r.backendAddressPools || []).filter(Boolean).map((p) => key(p.id));
        const reachesUs = natRules.has(key(rule.id)) || rulePools.some((p) => pools.has(p));
        if (reachesUs && publicFronts.has(key((r.frontendIPConfiguration || {}).id))) ports.push(typeof r.backendPort === "number" ? r.backendPort : 0);
      }
      if (ports.length) ways.push({ label: "public load balancer " + lb.name, sku: (lb.sku || {}).name || "Basic", ports });
    }
    if (!ways.length) continue;

    const subnet = subnets.get(key((c.subnet || {}).id)) || {};
    const nsgIds = [((subnet.properties || {}).networkSecurityGroup || {}).id, (props.networkSecurityGroup || {}).id].filter(Boolean);
    const filters = nsgIds.map((id) => {
      const nsg = nsgs.get(key(id));
      if (!nsg) throw new Error("the network security group " + id + " is not in the subscription's listing");
      const p = nsg.properties || {};
      return { name: nsg.name, rules: (p.securityRules || []).concat(p.defaultSecurityRules || []) };
    });
    for (const way of ways) {
      entries.push(way.label);
      for (const { port, name } of PORTS) {
        if (way.ports && !way.ports.includes(port) && !way.ports.includes(0)) continue;
        let why;
        if (!filters.length) {
          if (String(way.sku).toLowerCase() !== "basic") continue;
          why = "no NSG on the subnet or the interface, and a Basic SKU lets all traffic in";
        } else {
          const open = filters.map((f) => lib.net.nsgOpenToInternet(f.rules, [port], "Tcp").map((r) => f.name + " rule " + r.name));
          if (open.some((rules) => !rules.length)) continue;  // one NSG on the path blocks it
          why = "allowed by " + open.map((rules) => rules.join(", ")).join(" and ");
        }
        findings.push(name + " (" + port + ") is reachable from the Internet through the " + way.label + ": " + why);
      }
    }
  }
  if (findings.length) return { statusSig: false, statusMessage: findings.join("; ") };
  if (!entries.length) return { statusSig: true, statusMessage: "The network interface has no public IP address and no public load balancer forwards to it" };
  return { statusSig: true, statusMessage: "SSH and RDP are not reachable from the Internet through the " + entries.join(", ") };
};
