// resource.data is the directory as DescribeDirectories listed it (Type, RadiusStatus); described
// only when missing (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let directory = resource.data || {};
  if (!directory.Type) {
    const res = await apiCaller({ service: "DirectoryService", endpoint: "describeDirectories", params: { DirectoryIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    directory = apiResponse[0] || {};
  }
  if (directory.Type === "SimpleAD") return { statusSig: false, statusMessage: "Simple AD cannot use MFA" };
  if (directory.RadiusStatus === "Completed") return { statusSig: true };
  return { statusSig: false, statusMessage: directory.RadiusStatus ? "RADIUS is " + directory.RadiusStatus : "No RADIUS server is set up" };
};
