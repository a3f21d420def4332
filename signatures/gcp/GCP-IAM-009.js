// A user-managed key (keyType USER_MANAGED) is valid from validAfterTime to validBeforeTime; a key
// created without an expiry gets 9999-12-31T23:59:59Z. It passes when it stops being valid at
// most 90 days after it was created (iam.serviceAccountKeyExpiryHours allows up to 2160 hours).
// Google-managed keys are short-lived and rotated by Google.
const MAX_DAYS = 90;

module.exports = async function (apiCaller, resource, lib) {
  const key = resource.data || {};
  const account = String(key.name || resource.id).split("/serviceAccounts/").pop().split("/keys/")[0];
  if (key.keyType !== "USER_MANAGED")
    return { statusSig: true, statusMessage: "Key " + resource.name + " of " + account + " is Google-managed and short-lived" };
  const what = "User-managed key " + resource.name + " of " + account;
  if (!key.validBeforeTime || /^9999-/.test(key.validBeforeTime)) return { statusSig: false, statusMessage: what + " never expires" };
  if (!key.validAfterTime) throw new Error("the key has no validAfterTime: its lifetime cannot be told");
  const lifetime = Math.round(lib.time.daysSince(key.validAfterTime, key.validBeforeTime));
  const ok = lifetime <= MAX_DAYS;
  return { statusSig: ok, statusMessage: what + " is valid for " + lifetime + " days, until " + key.validBeforeTime + (ok ? "" : " (more than " + MAX_DAYS + ")") };
};
