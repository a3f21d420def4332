// lib.s3: what an S3 bucket opens to the public, after block public access. A part of lib
// (see core.js); uses lib.iam.
(function (S) {
  "use strict";
  const { fail, failType, describe, entry, add, listOf, stringsOf, isObject, hasAny, namespace, use, rethrown } = S;

  const iam = () => use("iam").api;
  const PUBLIC_GROUPS = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];
  const BLOCK_SETTINGS = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"];

  function publicAccess(apiCaller, resource, wanted) {
    if (typeof apiCaller !== "function") failType("expected the signature's apiCaller, got " + describe(apiCaller));
    if (!isObject(resource) || typeof resource.name !== "string") failType("expected the bucket (resource), got " + describe(resource));
    if (!isObject(wanted)) failType("expected { what, aclPermissions, actions }, got " + describe(wanted));
    const asked = {
      what: typeof wanted.what === "string" ? wanted.what : "access",
      aclPermissions: stringsOf(wanted.aclPermissions, "aclPermissions"),
      actions: stringsOf(wanted.actions, "actions"),
    };
    return publicAccessOf(apiCaller, resource, asked);
  }

  async function publicAccessOf(apiCaller, resource, asked) {
    try {
      return await findPublicAccess(apiCaller, resource, asked);
    } catch (thrown) {
      throw rethrown("lib.s3.publicAccess", thrown);
    }
  }

  // The bucket's answer to one S3 call in its own region; `absent` error codes answer null.
  async function bucketCall(apiCaller, resource, endpoint, absent) {
    const res = await apiCaller({ service: "S3", endpoint, params: { Bucket: resource.name }, serviceParams: { region: resource.region } });
    const { apiResponse, error } = res[0][0];
    if (error && error.code === absent) return null;
    if (error) fail("S3 " + endpoint + ": " + error.code + ": " + error.message);
    return apiResponse;
  }

  async function findPublicAccess(apiCaller, resource, asked) {
    const block = await effectiveBlock(apiCaller, resource);
    const reasons = [];
    if (!block.IgnorePublicAcls && asked.aclPermissions.length) {
      const acl = await bucketCall(apiCaller, resource, "getBucketAcl", null);
      const granted = [];
      const grants = listOf(isObject(acl) ? acl.Grants : undefined, "Grants");
      for (let i = 0; i < grants.length; i++) {
        const g = grants[i];
        if (!isObject(g) || !isObject(g.Grantee) || !hasAny([g.Grantee.URI], PUBLIC_GROUPS)) continue;
        if (hasAny([g.Permission], asked.aclPermissions) && !hasAny([g.Permission], granted)) add(granted, g.Permission);
      }
      if (granted.length) {
        let list = "";
        for (let i = 0; i < granted.length; i++) list += (i ? ", " : "") + granted[i];
        add(reasons, "the ACL grants " + list + " to everyone");
      }
    }
    if (!block.RestrictPublicBuckets && asked.actions.length) {
      const answer = await bucketCall(apiCaller, resource, "getBucketPolicy", "NoSuchBucketPolicy");
      const policy = isObject(answer) ? answer.Policy : undefined;
      if (policy !== undefined && policy !== null) {
        const bucketArn = "arn:aws:s3:::" + resource.name;
        const statements = iam().publicStatements(policy);
        const open = [];
        for (let i = 0; i < statements.length; i++) {
          let allowed = false;
          for (let a = 0; a < asked.actions.length && !allowed; a++)
            allowed = iam().allows({ Statement: [statements[i]] }, asked.actions[a], bucketArn + "/key") ||
                      iam().allows({ Statement: [statements[i]] }, asked.actions[a], bucketArn);
          if (allowed) add(open, statements[i]);
        }
        if (open.length) {
          let sids = "";
          for (let i = 0; i < open.length; i++) sids += (i ? ", " : "") + (typeof open[i].Sid === "string" && open[i].Sid ? open[i].Sid : "no Sid");
          add(reasons, "the policy lets everyone " + asked.what + (typeof open[0].Sid === "string" && open[0].Sid ? " (" + sids + ")" : ""));
        }
      }
    }
    return reasons;
  }

  // Each block public access setting as it applies: on when the bucket or the account turns it
  // on (the account's block is resource.data.accountPublicAccessBlock, read once per scan).
  async function effectiveBlock(apiCaller, resource) {
    let account = isObject(resource.data) ? resource.data.accountPublicAccessBlock : undefined;
    if (account === undefined) {
      const res = await apiCaller({ service: "S3Control", endpoint: "getPublicAccessBlock", params: { AccountId: resource.accountId } });
      const { apiResponse, error } = res[0][0];
      if (error && error.code !== "NoSuchPublicAccessBlockConfiguration") fail("S3Control getPublicAccessBlock: " + error.code + ": " + error.message);
      account = error ? null : apiResponse.PublicAccessBlockConfiguration;
    }
    const answer = await bucketCall(apiCaller, resource, "getPublicAccessBlock", "NoSuchPublicAccessBlockConfiguration");
    const bucket = isObject(answer) && isObject(answer.PublicAccessBlockConfiguration) ? answer.PublicAccessBlockConfiguration : {};
    const accountBlock = isObject(account) ? account : {};
    const on = {};
    for (let i = 0; i < BLOCK_SETTINGS.length; i++) on[BLOCK_SETTINGS[i]] = bucket[BLOCK_SETTINGS[i]] === true || accountBlock[BLOCK_SETTINGS[i]] === true;
    return on;
  }

  const s3 = {
    //: lib.s3.publicAccess(apiCaller, bucket, { what, aclPermissions, actions }) -> Promise<[reason]>
    //: Why a bucket is open to the public, as sentences (empty: it is not): the ACL permissions among `aclPermissions` granted to everyone or every AWS account (unless IgnorePublicAcls applies), and the public policy statements allowing any of `actions` on the bucket or its objects (unless RestrictPublicBuckets applies), `what` naming them ("read"). Block public access counts when the bucket or the account turns it on (resource.data.accountPublicAccessBlock, else S3Control). A cloud error rejects with an Error naming the call.
    //: e.g. await lib.s3.publicAccess(apiCaller, resource, { what: "read", aclPermissions: ["READ", "FULL_CONTROL"], actions: ["s3:GetObject"] })
    //: calls: S3Control.getPublicAccessBlock S3.getPublicAccessBlock S3.getBucketAcl S3.getBucketPolicy
    publicAccess: entry("s3.publicAccess", publicAccess),
  };

  return { api: namespace(s3) };
});
