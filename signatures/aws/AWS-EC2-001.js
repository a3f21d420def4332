module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EC2", endpoint: "describeVolumes", params: { VolumeIds: [resource.id] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const volume = apiResponse[0];
  return volume && volume.Encrypted ? { statusSig: true } : { statusSig: false };
};
