// Public read: an ACL grant to everyone, or a public policy statement allowing a read action,
// that block public access (the bucket's or the account's) does not cancel.
const READ = {
  what: "read",
  aclPermissions: ["READ", "READ_ACP", "FULL_CONTROL"],
  actions: ["s3:GetObject", "s3:ListBucket", "s3:GetObjectVersion", "s3:GetBucketAcl"],
};

module.exports = async function (apiCaller, resource, lib) {
  const reasons = await lib.s3.publicAccess(apiCaller, resource, READ);
  return reasons.length ? { statusSig: false, statusMessage: reasons.join("; ") } : { statusSig: true };
};
