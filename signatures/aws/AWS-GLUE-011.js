// resource.data is the endpoint as GetDevEndpoints listed it.
module.exports = async function (apiCaller, resource) {
  const endpoint = resource.data || {};
  if (!endpoint.SecurityConfiguration) return { statusSig: false, statusMessage: "The endpoint has no security configuration" };
  const res = await apiCaller({ service: "Glue", endpoint: "getSecurityConfiguration", params: { Name: endpoint.SecurityConfiguration } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const encryption = apiResponse.SecurityConfiguration.EncryptionConfiguration || {};
  const modes = {
    "S3 data": ((encryption.S3Encryption || [])[0] || {}).S3EncryptionMode,
    "CloudWatch logs": (encryption.CloudWatchEncryption || {}).CloudWatchEncryptionMode,
    "job bookmarks": (encryption.JobBookmarksEncryption || {}).JobBookmarksEncryptionMode,
  };
  const plain = Object.keys(modes).filter((part) => !modes[part] || modes[part] === "DISABLED");
  return plain.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: endpoint.SecurityConfiguration + " leaves " + plain.join(", ") + " unencrypted" };
};
