// resource.data is the access point as DescribeAccessPoints listed it.
module.exports = async function (apiCaller, resource) {
  const user = (resource.data || {}).PosixUser;
  return user ? { statusSig: true, statusMessage: "uid " + user.Uid + ", gid " + user.Gid } : { statusSig: false };
};
