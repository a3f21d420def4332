// softDeletePolicy.retentionDurationSeconds: 0 turns soft delete off.
module.exports = async function (apiCaller, resource) {
  const policy = resource.data.softDeletePolicy || {};
  const seconds = Number(policy.retentionDurationSeconds || 0);
  if (seconds <= 0) return { statusSig: false, statusMessage: "Soft delete is off" };
  return { statusSig: true, statusMessage: "Deleted objects stay recoverable for " + Math.round(seconds / 86400 * 10) / 10 + " days" };
};
