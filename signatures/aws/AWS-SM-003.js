const DAY = 24 * 3600 * 1000;

// resource.data is the secret as ListSecrets listed it: LastAccessedDate (a day's precision), or
// CreatedDate for a secret never read; described only when missing (e.g. a hand-written resource).
module.exports = async function (apiCaller, resource) {
  let secret = resource.data || {};
  if (!secret.ARN) {
    const res = await apiCaller({ service: "SecretsManager", endpoint: "describeSecret", params: { SecretId: resource.arn || resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    secret = apiResponse;
  }
  const since = secret.LastAccessedDate || secret.CreatedDate;
  const days = Math.floor((Date.now() - Date.parse(since)) / DAY);
  const what = secret.LastAccessedDate ? "Last read " : "Never read; created ";
  return days <= 90 ? { statusSig: true, statusMessage: what + days + " days ago" }
                    : { statusSig: false, statusMessage: what + days + " days ago" };
};
