// resource.data is the configuration as DescribeSecurityConfiguration described it (catalog detail);
// its SecurityConfiguration is a JSON text.
module.exports = async function (apiCaller, resource) {
  let text = (resource.data || {}).SecurityConfiguration;
  if (text === undefined) {
    const res = await apiCaller({ service: "EMR", endpoint: "describeSecurityConfiguration", params: { Name: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    text = apiResponse.SecurityConfiguration;
  }
  const encryption = JSON.parse(text || "{}").EncryptionConfiguration || {};
  const missing = [];
  if (!encryption.EnableAtRestEncryption) missing.push("at rest");
  if (!encryption.EnableInTransitEncryption) missing.push("in transit");
  return missing.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Not encrypted " + missing.join(" or ") };
};
