// Signet's helper library for signatures, `lib`: the third argument of a signature's function,
//   module.exports = async function (apiCaller, resource, lib) { ... }
//
// lib is data: JavaScript in src/sandbox/lib/, one file per part. The sandbox compiles each
// file once per worker. In every evaluation's fresh global it runs this core before the
// signature's own code; the core captures the built-ins lib uses and hands the signature a
// frozen `lib` whose namespaces (lib.iam, lib.net, ...) are loaded from their own files on
// first use, in that same global: a signature that never touches lib pays for the core alone.
// lib does no I/O of its own: the members that call the cloud are given the signature's
// apiCaller and name the requests they make (`//: calls:`), where `signet permissions` reads
// them beside the signature's own literal calls.
//
// Rules every part follows:
// - Built-ins only through what base.js captured when the signature first used lib (handed
//   to each part as `S`), called uncurried: replacing a built-in after that changes nothing
//   lib computes, and no signature can unfreeze lib (its freeze is the sandbox's own native).
//   A signature that replaces built-ins before its first use of lib can fool lib about its
//   own resource only: the next evaluation gets a fresh lib in a fresh global. No for...of,
//   spread or array destructuring at run time (they use iterators); arrays grow by
//   defineProperty (`add`), never through setters.
// - Input is read, never trusted: wrong types are refused with a clear Error naming the lib
//   function ("lib.iam.parse: ..."), located at the signature's line that called it. Lists
//   longer than MAX_ITEMS are refused rather than walked until the time limit.
// - Nothing recurses into input, so cyclic objects are harmless.
// - Loading is cheap: each evaluation runs a part cold (its functions are that global's own,
//   not yet JIT-compiled), so tables and data are built on first use (`lazy`) and objects
//   are frozen as they are made.
// - Each part's script evaluates to `function (S) { ...; return { api, ...internals }; }`;
//   `api` is its frozen namespace, internals serve other parts (S.use("net").parseCidr).
//   base.js makes S; this core holds the namespaces, each a getter that loads its part.
//
// Documentation lives in the sources, once: each `//:` comment block documents the member
// defined right after it. Its first line is the member's signature, the next ones its
// one-line description, and a line starting `e.g.` an example. The build extracts them
// (build_lib.py) for the console editor's completions, and a test checks that every
// member of `lib` has one.
// The core: evaluates to a function the sandbox calls, before the signature's code runs, with
// `loadPart(name)`, a native that runs part NAME.js in the current global and returns its
// factory, and `freeze`, a native Object.freeze no signature can replace. It touches no other
// built-in: everything loads on first use, so a signature that never uses lib pays for this
// file alone. The sandbox freezes the object it returns, getters included.
(function (loadPart, freeze) {
  "use strict";

  // Each part is loaded at most once per evaluation, when first asked for; base.js first,
  // which makes S, what every part gets.
  const parts = { __proto__: null };
  let S = null;
  function use(name) {
    if (S === null) S = loadPart("base")(freeze, use);
    if (!(name in parts)) parts[name] = loadPart(name)(S);
    return parts[name];
  }

  return {
    __proto__: null,
    //: lib.iam
    //: IAM policy documents: parse, allows, isAdmin, isPublic, publicStatements, principals.
    get iam() {
      return use("iam").api;
    },
    //: lib.net
    //: CIDRs and ports, IPv4 and IPv6: isWorld, contains, overlaps, isPrivate, openToWorld, naclOpenToWorld.
    get net() {
      return use("net").api;
    },
    //: lib.arn
    //: ARNs: parse.
    get arn() {
      return use("arn").api;
    },
    //: lib.time
    //: Dates: daysSince, daysUntil, parse.
    get time() {
      return use("time").api;
    },
    //: lib.cloudwatch
    //: CloudWatch metric filters for the CIS monitoring controls: CIS_FILTERS, filterCovers, monitoring, fetchMonitoring.
    get cloudwatch() {
      return use("cloudwatch").api;
    },
    //: lib.s3
    //: S3 buckets: publicAccess.
    get s3() {
      return use("s3").api;
    },
    //: lib.azure
    //: Azure resources: item, serverParameter, firewallExposure, tlsAtLeast, activityLogAlert.
    get azure() {
      return use("azure").api;
    },
    //: lib.entra
    //: Microsoft Entra ID Conditional Access: user, requiresMfa, mfaPolicyGaps, policyAppliesTo, mfaCoverage, groupUsers, AZURE_MANAGEMENT, ADMIN_PORTALS.
    get entra() {
      return use("entra").api;
    },
    //: lib.gcp
    //: Google Cloud resources: bindings, publicMembers, firewallOpenToInternet, logMetricAlert, logMetricMonitoring, sqlFlag, projectPolicy, sslPolicyWeaknesses, proxySslVerdict, nodePools, isAutopilot.
    get gcp() {
      return use("gcp").api;
    },
  };
});
