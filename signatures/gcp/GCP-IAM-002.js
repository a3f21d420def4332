// CIS Google Cloud 1.7 (v4.0) / 1.8 (v5.0): a user-managed key (keyType USER_MANAGED) was created
// (validAfterTime) at most 90 days ago. Google-managed keys are rotated by Google and pass. A
// disabled key is judged like the others: it can be enabled again.
const MAX_DAYS = 90;

module.exports = async function (apiCaller, resource, lib) {
  const key = resource.data || {};
  const account = String(key.name || resource.id).split("/serviceAccounts/").pop().split("/keys/")[0];
  if (key.keyType !== "USER_MANAGED")
    return { statusSig: true, statusMessage: "Key " + resource.name + " of " + account + " is Google-managed; Google rotates it" };
  if (!key.validAfterTime) throw new Error("the key has no validAfterTime: its age cannot be told");
  const age = Math.floor(lib.time.daysSince(key.validAfterTime));
  const what = "User-managed key " + resource.name + " of " + account + (key.disabled ? " (disabled)" : "") + " was created " + age + " days ago (" + key.validAfterTime + ")";
  if (age > MAX_DAYS) return { statusSig: false, statusMessage: what + ", more than " + MAX_DAYS + " days" };
  return { statusSig: true, statusMessage: what };
};
