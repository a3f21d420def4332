// resource.data is the instance as DescribeInstances listed it; describe it only when the data is
// not that listing's item (e.g. a hand-written resource in `signet test`).
const MAX_DAYS = 30;

module.exports = async function (apiCaller, resource) {
  let instance = resource.data || {};
  if (!instance.InstanceId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeInstances", params: { InstanceIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    instance = apiResponse[0].Instances[0];
  }
  if (!instance.State || instance.State.Name !== "stopped") return { statusSig: true };
  // AWS writes the stop time into the transition reason: "User initiated (2024-01-31 12:00:00 GMT)".
  const when = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/.exec(instance.StateTransitionReason || "");
  if (!when) return { statusSig: false, statusMessage: "Stopped since an unknown date (" + (instance.StateTransitionReason || "no reason given") + ")" };
  const days = Math.floor((Date.now() - Date.parse(when[1] + "T" + when[2] + "Z")) / 86400000);
  return days > MAX_DAYS
    ? { statusSig: false, statusMessage: "Stopped for " + days + " days" }
    : { statusSig: true, statusMessage: "Stopped for " + days + " days" };
};
