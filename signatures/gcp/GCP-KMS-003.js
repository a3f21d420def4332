// A symmetric encryption key (purpose ENCRYPT_DECRYPT) has a rotation schedule (rotationPeriod),
// of any length; GCP-KMS-002 checks that it is at most 90 days. Cloud KMS rotates only symmetric
// encryption keys automatically; asymmetric, MAC and raw keys are rotated by hand.
module.exports = async function (apiCaller, resource) {
  const key = resource.data || {};
  if (key.purpose && key.purpose !== "ENCRYPT_DECRYPT")
    return { statusSig: true, statusMessage: "Key " + resource.name + " has purpose " + key.purpose + ": Cloud KMS rotates only symmetric encryption keys automatically, so this control does not apply to it" };
  if (!key.rotationPeriod) return { statusSig: false, statusMessage: "Key " + resource.name + " has no automatic rotation" };
  const days = Math.round((parseFloat(String(key.rotationPeriod)) / 86400) * 10) / 10;
  return { statusSig: true, statusMessage: "Key " + resource.name + " rotates automatically every " + days + " days" + (key.nextRotationTime ? ", next on " + key.nextRotationTime : "") };
};
