// keyPolicy.keyExpirationPeriodInDays is the portal's 'key rotation reminder': Azure flags the
// account keys as expired that many days after they were last rotated. Absent: no reminder
// (Azure's default). 90 days or fewer is what CIS asks. An account that disallows shared key
// access is not held to it: its keys authorize nothing (AZ-STOR-016 checks that setting).
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  const days = (props.keyPolicy || {}).keyExpirationPeriodInDays;
  if (typeof days === "number" && days > 0 && days <= 90)
    return { statusSig: true, statusMessage: "Key rotation reminders are on: the account keys are due for rotation every " + days + " days" };
  const sharedKeyOff = props.allowSharedKeyAccess === false;
  const problem = days == null ? "No key rotation reminder is set (keyPolicy.keyExpirationPeriodInDays absent)"
    : "The key rotation reminder is set to " + days + " days, more than 90";
  if (sharedKeyOff) return { statusSig: true, statusMessage: problem + ", but shared key access is disallowed, so the account keys authorize nothing" };
  return { statusSig: false, statusMessage: problem + ": an account key may stay in use indefinitely" };
};
