// CIS Google Cloud 1.1 (v4.0) / 1.2 (v5.0), corporate login credentials: of the project's IAM
// policy members, none is a consumer Google account (user:...@gmail.com or @googlemail.com) or a
// consumer Google group (group:...@googlegroups.com). Consumer accounts with other addresses
// cannot be told apart from an address alone; the constraint iam.allowedPolicyMemberDomains
// keeps them all out. resource.data.iamPolicy is the policy the inventory read; it is read again
// only when absent (a hand-written resource).
const CONSUMER = /^(user|group):[^@]+@(gmail\.com|googlemail\.com|googlegroups\.com)$/i;

module.exports = async function (apiCaller, resource, lib) {
  const policy = await lib.gcp.projectPolicy(apiCaller, resource);
  const personal = new Map();  // member -> roles
  for (const b of lib.gcp.bindings(policy))
    if (CONSUMER.test(b.member)) personal.set(b.member, (personal.get(b.member) || []).concat(b.role));
  if (!personal.size) return { statusSig: true, statusMessage: "No personal Gmail account or consumer group holds a role on project " + resource.accountId };
  const list = [...personal].map(([member, roles]) => member + " (" + roles.join(", ") + ")");
  return { statusSig: false, statusMessage: "Consumer account(s) hold roles on project " + resource.accountId + ": " + list.join(", ") };
};
