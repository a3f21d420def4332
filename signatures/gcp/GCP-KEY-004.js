// CIS Google Cloud 1.15 (v4.0) / 1.16 (v5.0): the key was created (createTime) at most 90 days
// ago. API keys cannot be renewed in place, so a key's creation is its last rotation;
// updateTime moves with any edit of its restrictions and says nothing about the key string.
const MAX_DAYS = 90;

module.exports = async function (apiCaller, resource, lib) {
  const key = resource.data || {};
  const label = (key.displayName ? '"' + key.displayName + '" ' : "") + "(" + resource.name + ")";
  if (!key.createTime) throw new Error("the key has no createTime: its age cannot be told");
  const age = Math.floor(lib.time.daysSince(key.createTime));
  const what = "API key " + label + " was created " + age + " days ago (" + key.createTime + ")";
  if (age > MAX_DAYS) return { statusSig: false, statusMessage: what + ", more than " + MAX_DAYS + " days" };
  return { statusSig: true, statusMessage: what };
};
