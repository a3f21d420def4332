// The job's security configuration says how it encrypts what it writes.
module.exports = async function (apiCaller, resource) {
  const job = await described(apiCaller, resource);
  if ((job.DefaultArguments || {})["--encryption-type"] === "sse-s3") return { statusSig: true, statusMessage: "S3 data encrypted with SSE-S3 (job argument)" };
  if (!job.SecurityConfiguration) return { statusSig: false, statusMessage: "The job has no security configuration" };
  const res = await apiCaller({ service: "Glue", endpoint: "getSecurityConfiguration", params: { Name: job.SecurityConfiguration } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const encryption = apiResponse.SecurityConfiguration.EncryptionConfiguration || {};
  const mode = ((encryption.S3Encryption || [])[0] || {}).S3EncryptionMode;
  if (mode && mode !== "DISABLED") return { statusSig: true, statusMessage: "S3 data encrypted with " + mode + " (" + job.SecurityConfiguration + ")" };
  return { statusSig: false, statusMessage: job.SecurityConfiguration + " leaves S3 data unencrypted" };
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
