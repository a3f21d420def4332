const WEB = [80, 443];

// resource.data is the instance as GetInstances listed it, its firewall ports included.
module.exports = async function (apiCaller, resource) {
  let instance = resource.data || {};
  if (!instance.networking) {
    const res = await apiCaller({ service: "Lightsail", endpoint: "getInstance", params: { instanceName: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    instance = apiResponse.instance;
  }
  const open = [];
  for (const p of instance.networking.ports || []) {
    const world = (p.cidrs || []).includes("0.0.0.0/0") || (p.ipv6Cidrs || []).includes("::/0");
    const webOnly = p.protocol === "tcp" && p.fromPort === p.toPort && WEB.includes(p.fromPort);
    if (world && !webOnly) open.push(p.protocol + " " + (p.fromPort === p.toPort ? p.fromPort : p.fromPort + "-" + p.toPort));
  }
  return open.length ? { statusSig: false, statusMessage: "Open to everyone: " + open.join(", ") } : { statusSig: true };
};
