// resource.data is the access point as DescribeAccessPoints listed it.
module.exports = async function (apiCaller, resource) {
  const path = ((resource.data || {}).RootDirectory || {}).Path || "/";
  return path !== "/" ? { statusSig: true, statusMessage: "Root directory " + path } : { statusSig: false };
};
