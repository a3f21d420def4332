// CIS Google Cloud 1.11 (v4.0) / 1.12 (v5.0): separation of duties for Cloud KMS. No member of
// the project's IAM policy is bound to roles/cloudkms.admin and also to one of
// roles/cloudkms.cryptoKeyEncrypterDecrypter, cryptoKeyEncrypter or cryptoKeyDecrypter
// (conditional bindings count). resource.data.iamPolicy is the policy the inventory read; it is
// read again only when absent (a hand-written resource).
const ADMIN = "roles/cloudkms.admin";
const USE = ["roles/cloudkms.cryptoKeyEncrypterDecrypter", "roles/cloudkms.cryptoKeyEncrypter", "roles/cloudkms.cryptoKeyDecrypter"];

module.exports = async function (apiCaller, resource, lib) {
  const policy = await lib.gcp.projectPolicy(apiCaller, resource);
  const all = lib.gcp.bindings(policy);
  const admins = new Set(all.filter((b) => b.role === ADMIN).map((b) => b.member));
  const both = new Map();  // member -> the key-use roles it also holds
  for (const b of all)
    if (USE.includes(b.role) && admins.has(b.member)) both.set(b.member, (both.get(b.member) || []).concat(b.role.replace("roles/cloudkms.", "")));
  if (!both.size)
    return { statusSig: true, statusMessage: "No principal holds both Cloud KMS Admin and a CryptoKey encrypt or decrypt role on project " + resource.accountId };
  const list = [...both].map(([member, roles]) => member + " (admin and " + [...new Set(roles)].join(", ") + ")");
  return { statusSig: false, statusMessage: "On project " + resource.accountId + ", key administration and key use are held together by: " + list.join(", ") };
};
