// resource.data is the address as DescribeAddresses listed it; describe it only when the data is
// not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let address = resource.data || {};
  if (!address.AllocationId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeAddresses", params: { AllocationIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    address = apiResponse.Addresses[0];
  }
  if (address.AssociationId || address.InstanceId || address.NetworkInterfaceId)
    return { statusSig: true, statusMessage: "Attached to " + (address.InstanceId || address.NetworkInterfaceId) };
  return { statusSig: false };
};
