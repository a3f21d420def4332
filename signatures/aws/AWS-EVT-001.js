// resource.data is the bus as ListEventBuses listed it (its Policy, absent when none); described
// only when missing (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource, lib) {
  let bus = resource.data || {};
  if (!bus.Arn) {
    const res = await apiCaller({ service: "EventBridge", endpoint: "describeEventBus", params: { Name: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    bus = apiResponse;
  }
  if (!bus.Policy) return { statusSig: true, statusMessage: "No resource policy" };
  const open = lib.iam.publicStatements(bus.Policy);
  return open.length ? { statusSig: false, statusMessage: "Open to everyone: " + open.map((s, i) => s.Sid || "statement " + (i + 1)).join(", ") } : { statusSig: true };
};
