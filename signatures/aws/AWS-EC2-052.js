// resource.data is the instance as DescribeInstances listed it; describe it only when the data is
// not that listing's item (e.g. a hand-written resource in `signet test`).
const MAX_DAYS = 180;

module.exports = async function (apiCaller, resource) {
  let instance = resource.data || {};
  if (!instance.InstanceId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeInstances", params: { InstanceIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    instance = apiResponse[0].Instances[0];
  }
  if (!instance.State || instance.State.Name !== "running") return { statusSig: true, statusMessage: "Not running" };
  const days = Math.floor((Date.now() - Date.parse(instance.LaunchTime)) / 86400000);
  return days > MAX_DAYS ? { statusSig: false, statusMessage: "Launched " + days + " days ago" } : { statusSig: true, statusMessage: "Launched " + days + " days ago" };
};
