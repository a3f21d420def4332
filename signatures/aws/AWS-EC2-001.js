// resource.data is the volume as DescribeVolumes listed it; describe it only when the data
// is not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let volume = resource.data || {};
  if (!volume.VolumeId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeVolumes", params: { VolumeIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    volume = apiResponse[0];
  }
  return volume && volume.Encrypted ? { statusSig: true } : { statusSig: false };
};
