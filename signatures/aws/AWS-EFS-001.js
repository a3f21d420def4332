// resource.data is the file system as DescribeFileSystems listed it; describe it only when the
// data is not that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let fs = resource.data || {};
  if (!fs.FileSystemId) {
    const res = await apiCaller({ service: "EFS", endpoint: "describeFileSystems", params: { FileSystemId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    fs = apiResponse[0];
  }
  return fs && fs.Encrypted ? { statusSig: true } : { statusSig: false };
};
