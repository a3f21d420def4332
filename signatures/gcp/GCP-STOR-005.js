// retentionPolicy.retentionPeriod is in seconds (an int64 string).
const MIN_DAYS = 90;

module.exports = async function (apiCaller, resource) {
  const policy = resource.data.retentionPolicy;
  if (!policy || policy.retentionPeriod === undefined) return { statusSig: false, statusMessage: "No retention policy" };
  const days = Number(policy.retentionPeriod) / 86400;
  const text = (Math.round(days * 10) / 10) + " days" + (policy.isLocked ? ", locked" : ", not locked");
  if (days < MIN_DAYS) return { statusSig: false, statusMessage: "Retention of " + text + ", under " + MIN_DAYS + " days" };
  return { statusSig: true, statusMessage: "Retention of " + text };
};
