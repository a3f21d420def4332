// data.iamPolicy is the bucket's IAM policy (buckets.getIamPolicy); lib.gcp.publicMembers lists its grants to
// allUsers and allAuthenticatedUsers. Without uniform bucket-level access, the bucket's ACL and default
// object ACL (in the listing when it has them) can grant to them too. Enforced public access prevention
// makes Google refuse all of these.
const PUBLIC = ["allUsers", "allAuthenticatedUsers"];

module.exports = async function (apiCaller, resource, lib) {
  const b = resource.data;
  const iam = b.iamConfiguration || {};
  if (iam.publicAccessPrevention === "enforced") return { statusSig: true, statusMessage: "Public access prevention is enforced" };
  const grants = lib.gcp.publicMembers(b.iamPolicy).map((g) => g.member + " as " + g.role);
  if (!(iam.uniformBucketLevelAccess || {}).enabled) {
    for (const a of b.acl || []) if (PUBLIC.includes(a.entity)) grants.push(a.entity + " as bucket ACL " + a.role);
    for (const a of b.defaultObjectAcl || []) if (PUBLIC.includes(a.entity)) grants.push(a.entity + " as default object ACL " + a.role);
  }
  if (grants.length) return { statusSig: false, statusMessage: "Public grants: " + grants.join(", ") };
  return { statusSig: true, statusMessage: "No grant to allUsers or allAuthenticatedUsers" };
};
