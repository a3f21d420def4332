// resource.data is the distribution as ListDistributions listed it, merged with its configuration
// (GetDistributionConfig, the catalog's detail call); ask only when the data lacks the
// configuration (e.g. a hand-written resource in `signet test`).
async function configOf(apiCaller, resource) {
  if (resource.data && resource.data.CallerReference) return resource.data;
  const res = await apiCaller({ service: "CloudFront", endpoint: "getDistributionConfig", params: { Id: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.DistributionConfig;
}
const items = (list) => (list && list.Items) || [];

// "bucket.s3.amazonaws.com", "bucket.s3.eu-west-1.amazonaws.com", "bucket.s3-eu-west-1.amazonaws.com"
const BUCKET = /^(.+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/;

module.exports = async function (apiCaller, resource) {
  const missing = [];
  for (const o of items((await configOf(apiCaller, resource)).Origins)) {
    const match = BUCKET.exec(o.DomainName || "");
    if (!match) continue;
    const res = await apiCaller({ service: "S3", endpoint: "headBucket", params: { Bucket: match[1] } });
    const { error } = res[0][0];
    if (!error) continue;
    if (["NoSuchBucket", "NotFound", "404"].includes(String(error.code)) || error.statusCode === 404) missing.push(match[1]);
    else if (error.statusCode !== 403 && error.statusCode !== 301) throw new Error(error.code + ": " + error.message);  // 403/301: it exists
  }
  return missing.length ? { statusSig: false, statusMessage: "No such bucket: " + missing.join(", ") } : { statusSig: true };
};
