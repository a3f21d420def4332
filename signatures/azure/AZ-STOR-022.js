// keyCreationTime.key1 / key2: when each account key was last (re)generated. Null or absent
// means Azure recorded no date: the key has not been regenerated since the account was created,
// before Azure began recording it. An account that disallows shared key access is not held to
// this: its keys authorize nothing (AZ-STOR-016 checks that setting).
const MAX_DAYS = 90;

module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  if (props.allowSharedKeyAccess === false)
    return { statusSig: true, statusMessage: "Shared key access is disallowed: the account keys authorize nothing, whatever their age" };
  const created = props.keyCreationTime || {};
  const ages = [], stale = [];
  for (const key of ["key1", "key2"]) {
    if (!created[key]) {
      stale.push(key + " has no recorded creation time (never regenerated)");
      continue;
    }
    const days = Math.floor(lib.time.daysSince(created[key]));
    ages.push(key + " " + days + " days ago");
    if (days > MAX_DAYS) stale.push(key + " was last regenerated " + days + " days ago");
  }
  if (stale.length)
    return { statusSig: false, statusMessage: "Account keys not regenerated within " + MAX_DAYS + " days: " + stale.join("; ") };
  return { statusSig: true, statusMessage: "Both account keys were regenerated within " + MAX_DAYS + " days (" + ages.join(", ") + ")" };
};
