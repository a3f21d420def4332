// resource.data is the template as DescribeLaunchTemplates listed it, merged with its default
// version (DescribeLaunchTemplateVersions, LaunchTemplateData included); ask only when the data
// lacks the version (e.g. a hand-written resource in `signet test`).
async function templateData(apiCaller, resource) {
  if (resource.data && resource.data.LaunchTemplateData) return resource.data.LaunchTemplateData;
  const res = await apiCaller({ service: "EC2", endpoint: "describeLaunchTemplateVersions",
                                params: { LaunchTemplateId: resource.id, Versions: ["$Default"] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return (apiResponse[0] && apiResponse[0].LaunchTemplateData) || {};
}

module.exports = async function (apiCaller, resource) {
  const data = await templateData(apiCaller, resource);
  const open = (data.NetworkInterfaces || []).filter((n) => n.AssociatePublicIpAddress === true);
  return open.length
    ? { statusSig: false, statusMessage: "Public IP on network interface " + open.map((n) => n.DeviceIndex).join(", ") }
    : { statusSig: true };
};
