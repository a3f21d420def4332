// What a flow log records is its targetResourceId: a network security group (the retiring kind),
// or a virtual network, subnet or network interface (virtual network flow logs).
module.exports = async function (apiCaller, resource) {
  let flowLog = resource.data || {};
  if (!flowLog.properties) {
    const res = await apiCaller({ service: "Microsoft.Network", endpoint: "{id}", params: { id: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    flowLog = apiResponse || {};
  }
  const target = String((flowLog.properties || {}).targetResourceId || "");
  const name = target.split("/").pop() || "an unknown target";
  if (/\/providers\/microsoft\.network\/networksecuritygroups\//i.test(target))
    return { statusSig: false, statusMessage: "The flow log records the network security group " + name + ": NSG flow logs are retired on 30 September 2027; record its virtual network with a virtual network flow log" };
  return { statusSig: true, statusMessage: "The flow log is a virtual network flow log of " + name };
};
