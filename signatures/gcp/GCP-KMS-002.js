// CIS Google Cloud 1.10 (v4.0) / 1.11 (v5.0): a symmetric encryption key (purpose
// ENCRYPT_DECRYPT) has a rotationPeriod of at most 90 days ("7776000s") and its nextRotationTime
// is at most 90 days away. Cloud KMS rotates only symmetric encryption keys automatically;
// asymmetric, MAC and raw keys are rotated by hand and are not what this control checks.
const MAX_DAYS = 90;

module.exports = async function (apiCaller, resource, lib) {
  const key = resource.data || {};
  if (key.purpose && key.purpose !== "ENCRYPT_DECRYPT")
    return { statusSig: true, statusMessage: "Key " + resource.name + " has purpose " + key.purpose + ": Cloud KMS rotates only symmetric encryption keys automatically, so this control does not apply to it" };
  if (!key.rotationPeriod) return { statusSig: false, statusMessage: "Key " + resource.name + " has no automatic rotation" };
  const days = parseFloat(String(key.rotationPeriod)) / 86400;
  if (!(days > 0)) throw new Error("rotationPeriod '" + key.rotationPeriod + "' is not a duration in seconds");
  const period = "every " + Math.round(days * 10) / 10 + " days";
  if (days > MAX_DAYS) return { statusSig: false, statusMessage: "Key " + resource.name + " rotates " + period + ", more than " + MAX_DAYS };
  if (key.nextRotationTime && lib.time.daysUntil(key.nextRotationTime) > MAX_DAYS)
    return { statusSig: false, statusMessage: "Key " + resource.name + " rotates " + period + " but its next rotation is only on " + key.nextRotationTime + ", more than " + MAX_DAYS + " days away" };
  return { statusSig: true, statusMessage: "Key " + resource.name + " rotates " + period + (key.nextRotationTime ? ", next on " + key.nextRotationTime : "") };
};
