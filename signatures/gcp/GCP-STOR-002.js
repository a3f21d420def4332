module.exports = async function (apiCaller, resource) {
  const u = ((resource.data.iamConfiguration || {}).uniformBucketLevelAccess) || {};
  if (u.enabled !== true) return { statusSig: false, statusMessage: "Uniform bucket-level access is off: object ACLs apply" };
  return { statusSig: true, statusMessage: "Uniform bucket-level access is on" + (u.lockedTime ? " (locked since " + u.lockedTime + ")" : "") };
};
