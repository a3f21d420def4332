// CIS Google Cloud 2.3 (v4.0) / 2.4 (v5.0): a sink whose destination is a Cloud Storage bucket
// (storage.googleapis.com/BUCKET) sends to a bucket with a retention policy that is locked
// (retentionPolicy.isLocked). Sinks to log buckets, BigQuery or Pub/Sub are not about Cloud
// Storage Bucket Lock and pass. The bucket is read with buckets.get: it may be in another project.
module.exports = async function (apiCaller, resource) {
  const sink = resource.data || {};
  const destination = String(sink.destination || "");
  const m = /^storage\.googleapis\.com\/([^/]+)/.exec(destination);
  if (!m) return { statusSig: true, statusMessage: "Sink " + resource.name + " exports to " + (destination || "no destination") + ", not to a Cloud Storage bucket" };
  const bucket = m[1];
  const [[{ apiResponse, error }]] = await apiCaller({ service: "storage", endpoint: "buckets.get", params: { bucket }, serviceParams: { apiVersion: "v1" } });
  if (error && (error.statusCode === 404 || error.code === "NOT_FOUND"))
    return { statusSig: false, statusMessage: "Sink " + resource.name + " exports to bucket " + bucket + ", which does not exist: its entries are lost" };
  if (error) throw new Error(error.code + ": " + error.message);
  const retention = (apiResponse || {}).retentionPolicy;
  if (!retention || !retention.retentionPeriod)
    return { statusSig: false, statusMessage: "Sink " + resource.name + " exports to bucket " + bucket + ", which has no retention policy" };
  const days = Math.round(Number(retention.retentionPeriod) / 86400);
  if (retention.isLocked !== true)
    return { statusSig: false, statusMessage: "Sink " + resource.name + " exports to bucket " + bucket + ", whose " + days + "-day retention policy is not locked" };
  return { statusSig: true, statusMessage: "Sink " + resource.name + " exports to bucket " + bucket + ", whose " + days + "-day retention policy is locked" };
};
