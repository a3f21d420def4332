// Public write: an ACL grant to everyone, or a public policy statement allowing a write
// action, that block public access (the bucket's or the account's) does not cancel.
const WRITE = {
  what: "write",
  aclPermissions: ["WRITE", "WRITE_ACP", "FULL_CONTROL"],
  actions: ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectAcl", "s3:PutBucketPolicy", "s3:PutBucketAcl", "s3:DeleteBucket"],
};

module.exports = async function (apiCaller, resource, lib) {
  const reasons = await lib.s3.publicAccess(apiCaller, resource, WRITE);
  return reasons.length ? { statusSig: false, statusMessage: reasons.join("; ") } : { statusSig: true };
};
