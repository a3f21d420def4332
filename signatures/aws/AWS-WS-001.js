// resource.data is the WorkSpace as DescribeWorkspaces listed it.
module.exports = async function (apiCaller, resource) {
  const ws = resource.data || {};
  const plain = [ws.RootVolumeEncryptionEnabled ? null : "root", ws.UserVolumeEncryptionEnabled ? null : "user"].filter(Boolean);
  return plain.length ? { statusSig: false, statusMessage: "Unencrypted: " + plain.join(", ") } : { statusSig: true };
};
