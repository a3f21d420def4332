// The job's security configuration says how it encrypts what it writes.
module.exports = async function (apiCaller, resource) {
  const job = await described(apiCaller, resource);
  if (!job.SecurityConfiguration) return { statusSig: false, statusMessage: "The job has no security configuration" };
  const res = await apiCaller({ service: "Glue", endpoint: "getSecurityConfiguration", params: { Name: job.SecurityConfiguration } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const encryption = apiResponse.SecurityConfiguration.EncryptionConfiguration || {};
  const mode = (encryption.CloudWatchEncryption || {}).CloudWatchEncryptionMode;
  if (mode && mode !== "DISABLED") return { statusSig: true, statusMessage: "CloudWatch logs encrypted with " + mode + " (" + job.SecurityConfiguration + ")" };
  return { statusSig: false, statusMessage: job.SecurityConfiguration + " leaves CloudWatch logs unencrypted" };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.Command !== undefined) return resource.data;
  const res = await apiCaller({ service: "Glue", endpoint: "getJob", params: { JobName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.Job;
}
