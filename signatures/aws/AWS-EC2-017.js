// resource.data is the instance as DescribeInstances listed it; describe it only when the data is
// not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let instance = resource.data || {};
  if (!instance.InstanceId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeInstances", params: { InstanceIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    instance = apiResponse[0].Instances[0];
  }
  const count = (instance.NetworkInterfaces || []).length;
  return count > 1 ? { statusSig: false, statusMessage: count + " network interfaces" } : { statusSig: true };
};
