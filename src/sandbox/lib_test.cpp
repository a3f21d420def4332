// lib, the helper library signatures get as their third argument, tested in the real
// sandbox: each TEST runs one signature whose body makes many checks with
//   eq(actual, expected, label)   actual and expected are the same as JSON
//   throws(fn, text, label)       fn() throws an Error whose message contains text
// and passes only when every check held (its message lists those that did not).
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "sandbox/sandbox.h"
#include "sandbox/test_harness.h"

using namespace signet::sandbox;
using namespace signet::sandbox::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// `body` inside a signature given (apiCaller, resource, lib); `expected_checks` guards
// against a body that silently checks nothing.
void run_checks(const std::string& body, int expected_checks) {
  std::string source = R"JS(module.exports = async function (apiCaller, resource, lib) {
  const failures = [];
  let checks = 0;
  const show = (v) => { try { const s = JSON.stringify(v); return s === undefined ? String(v) : s; } catch (e) { return "<" + e.message + ">"; } };
  const eq = (actual, expected, label) => {
    checks++;
    if (show(actual) !== show(expected)) failures.push(label + ": got " + show(actual) + ", expected " + show(expected));
  };
  const throws = (fn, text, label) => {
    checks++;
    try { fn(); failures.push(label + ": did not throw"); }
    catch (e) { if (!(e instanceof Error) || !String(e.message).includes(text)) failures.push(label + ": threw '" + (e && e.message) + "', expected it to say '" + text + "'"); }
  };
  // An apiCaller answering `answer(request)` (a number: an error of that HTTP status), noting
  // each request in `made` as "service endpoint params".
  const fakeCaller = (answer, made) => async (req) => {
    made.push(req.service + " " + req.endpoint + " " + JSON.stringify(req.params || {}));
    const a = answer(req);
    return [[typeof a === "number" ? { apiResponse: null, error: { code: "Nope", message: "status " + a, statusCode: a } } : { apiResponse: a, error: null }]];
  };
)JS" + body + R"JS(
  return { statusSig: failures.length === 0, statusMessage: checks + " checks" + (failures.length ? "; failed: " + failures.join(" | ") : "") };
};)JS";
  auto o = shared_harness().run(source, 20s);
  EXPECT_EQ(o.status, Status::Pass) << message(o);
  EXPECT_EQ(message(o).rfind(std::to_string(expected_checks) + " checks", 0), 0u) << message(o);
}

}  // namespace

TEST(Lib, IsTheThirdArgumentAndTwoArgumentSignaturesStillWork) {
  auto o = shared_harness().run("module.exports = function (api, r, lib) { return { statusSig: arguments.length === 3 && typeof lib.iam.parse === 'function' }; };");
  EXPECT_EQ(o.status, Status::Pass) << message(o);
  auto two = shared_harness().run("module.exports = async function (apiCaller, resource) { return { statusSig: resource.name === 'alice' }; };");
  EXPECT_EQ(two.status, Status::Pass) << message(two);
  // lib is not a global: only the argument reaches it, and the signature's own names are free.
  auto global = shared_harness().run("const lib = 1, parse = 2; module.exports = (a, r, l) => ({ statusSig: lib === 1 && typeof globalThis.lib === 'undefined' && typeof l.net.isWorld === 'function' });");
  EXPECT_EQ(global.status, Status::Pass) << message(global);
}

TEST(Lib, IamParseNormalizesEveryFormOfAPolicy) {
  run_checks(R"JS(
  const admin = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } };
  const normal = { Version: "2012-10-17", Statement: [{ Sid: null, Effect: "Allow", Action: ["*"], NotAction: [], Resource: ["*"], NotResource: [],
                   Principal: null, NotPrincipal: null, Condition: {} }] };
  eq(lib.iam.parse(admin), normal, "object");
  eq(lib.iam.parse(JSON.stringify(admin)), normal, "JSON text");
  eq(lib.iam.parse("  \n" + JSON.stringify(admin)), normal, "JSON text after whitespace");
  eq(lib.iam.parse(encodeURIComponent(JSON.stringify(admin))), normal, "URL-encoded JSON, as IAM returns documents");
  eq(lib.iam.parse({ Version: "2012-10-17" }).Statement, [], "no Statement");
  eq(lib.iam.parse({}).Version, null, "no Version");
  const full = lib.iam.parse({ Statement: [{ Sid: "s1", Effect: "deny", NotAction: "iam:*", NotResource: ["arn:aws:iam::1:role/x"],
    Principal: { AWS: "arn:aws:iam::1:root", Service: ["a.amazonaws.com", "b.amazonaws.com"] }, NotPrincipal: "*",
    Condition: { Bool: { "aws:SecureTransport": false }, NumericLessThan: { "s3:max-keys": [10, "20"] } } }] }).Statement[0];
  eq(full.Effect, "Deny", "Effect normalized");
  eq(full.NotAction, ["iam:*"], "NotAction single value");
  eq(full.Principal, { AWS: ["arn:aws:iam::1:root"], Service: ["a.amazonaws.com", "b.amazonaws.com"] }, "Principal values as lists");
  eq(full.NotPrincipal, "*", "NotPrincipal *");
  eq(full.Condition, { Bool: { "aws:SecureTransport": ["false"] }, NumericLessThan: { "s3:max-keys": ["10", "20"] } }, "Condition values as lists of strings");
  const input = { Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }] };
  lib.iam.parse(input).Statement[0].Action.push("x");
  eq(input.Statement[0].Action, ["s3:GetObject"], "the result is a copy: changing it leaves the input alone");

  throws(() => lib.iam.parse("not a policy"), "lib.iam.parse: ", "plain text");
  throws(() => lib.iam.parse("{ \"Statement\": "), "not valid JSON", "broken JSON");
  throws(() => lib.iam.parse("%7B%ZZ"), "neither JSON nor URL-encoded JSON", "broken URL encoding");
  throws(() => lib.iam.parse(42), "got a number (42)", "a number");
  throws(() => lib.iam.parse(null), "got null", "null");
  throws(() => lib.iam.parse(undefined), "got undefined", "undefined");
  throws(() => lib.iam.parse([admin]), "got an array", "an array");
  throws(() => lib.iam.parse({ Statement: 5 }), "Statement is a number (5)", "Statement of the wrong type");
  throws(() => lib.iam.parse({ Statement: [admin.Statement, "x"] }), "Statement[1] is a string", "a statement that is not an object");
  throws(() => lib.iam.parse({ Statement: { Effect: "Maybe", Action: "*" } }), "Statement[0].Effect must be \"Allow\" or \"Deny\"", "a bad Effect");
  throws(() => lib.iam.parse({ Statement: { Effect: "Allow", Action: ["s3:x", 7] } }), "Statement[0].Action[1] is a number", "an action that is not a string");
  throws(() => lib.iam.parse({ Statement: { Effect: "Allow", Principal: "arn:aws:iam::1:root" } }), "Principal must be \"*\" or an object", "a principal string other than *");
  throws(() => lib.iam.parse({ Statement: { Effect: "Allow", Condition: { StringEquals: "x" } } }), "Condition.StringEquals is a string", "a condition block that is not an object");
  throws(() => lib.iam.parse({ Statement: { Effect: "Allow", Condition: { StringEquals: { k: { v: 1 } } } } }), "condition values are strings, numbers or booleans", "an object as condition value");
  )JS", 26);
}

TEST(Lib, IamParseWithstandsHostileInput) {
  run_checks(R"JS(
  // Getters that throw: the error names the lib function and keeps the getter's message.
  const trap = { get Statement() { throw new RangeError("no statements for you"); } };
  throws(() => lib.iam.parse(trap), "lib.iam.parse: no statements for you", "a getter that throws");
  throws(() => lib.iam.parse({ Statement: [{ get Effect() { throw "a string"; } }] }), "lib.iam.parse: a string", "a thrown non-Error");
  // Prototypes replaced: inherited properties are not read.
  const sneaky = Object.create({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } });
  eq(lib.iam.parse(sneaky).Statement, [], "a Statement inherited from a replaced prototype is not read");
  eq(lib.iam.isAdmin(sneaky), false, "nor counted as admin");
  const bare = Object.assign(Object.create(null), { Statement: Object.assign(Object.create(null), { Effect: "Allow", Action: "*", Resource: "*" }) });
  eq(lib.iam.isAdmin(bare), true, "objects without a prototype are read");
  // Cyclic objects: nothing recurses into them.
  const cyclic = { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
  cyclic.self = cyclic;
  cyclic.Statement[0].Extra = cyclic;
  eq(lib.iam.isAdmin(cyclic), true, "a cyclic document");
  const loop = {}; loop.loop = loop;
  throws(() => lib.iam.parse({ Statement: { Effect: "Allow", Condition: { StringEquals: { k: loop } } } }), "condition values", "a cyclic condition value");
  // Huge arrays: refused past the bound, read fine below it.
  throws(() => lib.iam.parse({ Statement: { Effect: "Allow", Action: new Array(2000000).fill("s3:x") } }), "lib reads at most 1000000", "an array past the bound");
  throws(() => lib.iam.parse({ Statement: { Effect: "Allow", Action: new Array(2 ** 32 - 1) } }), "lib reads at most", "a sparse array of 4 billion");
  const many = new Array(200000).fill("s3:GetObject"); many.push("iam:*");
  eq(lib.iam.allows({ Statement: { Effect: "Allow", Action: many, Resource: "*" } }, "iam:PassRole"), true, "200,001 actions");
  // A Proxy document: its traps are the signature's own code; what they throw is named.
  throws(() => lib.iam.parse(new Proxy({}, { getOwnPropertyDescriptor() { throw new Error("trap"); }, has() { throw new Error("trap"); } })),
         "lib.iam.parse: trap", "a Proxy whose traps throw");
  )JS", 11);
}

TEST(Lib, IamAllowsMatchesActionsResourcesAndDenies) {
  run_checks(R"JS(
  const p = (...statements) => ({ Version: "2012-10-17", Statement: statements });
  const allow = (Action, Resource = "*", extra = {}) => Object.assign({ Effect: "Allow", Action, Resource }, extra);
  const deny = (Action, Resource = "*", extra = {}) => Object.assign({ Effect: "Deny", Action, Resource }, extra);
  eq(lib.iam.allows(p(allow("s3:GetObject")), "s3:GetObject"), true, "exact");
  eq(lib.iam.allows(p(allow("s3:GetObject")), "S3:getobject"), true, "actions ignore case");
  eq(lib.iam.allows(p(allow("s3:Get*")), "s3:GetBucketPolicy"), true, "* in an action");
  eq(lib.iam.allows(p(allow("s3:Get?bject")), "s3:GetObject"), true, "? in an action");
  eq(lib.iam.allows(p(allow("s3:Get?bject")), "s3:GetObjectAcl"), false, "? is one character");
  eq(lib.iam.allows(p(allow("*")), "ec2:RunInstances"), true, "*");
  eq(lib.iam.allows(p(allow("s3:*")), "s3x:Get"), false, "the service must match");
  eq(lib.iam.allows(p(allow("s3:GetObject")), "s3:PutObject"), false, "another action");
  eq(lib.iam.allows(p(), "s3:GetObject"), false, "no statement");
  eq(lib.iam.allows(p(allow("s3:*", "arn:aws:s3:::logs/*")), "s3:GetObject", "arn:aws:s3:::logs/2024/a.gz"), true, "resource wildcard");
  eq(lib.iam.allows(p(allow("s3:*", "arn:aws:s3:::logs/*")), "s3:GetObject", "arn:aws:s3:::LOGS/a"), false, "resources keep their case");
  eq(lib.iam.allows(p(allow("s3:*", "arn:aws:s3:::logs/*")), "s3:GetObject"), false, "resource defaults to *, which a narrower pattern does not cover");
  eq(lib.iam.allows(p(allow("s3:*", "arn:aws:s3:::logs/*")), "s3:GetObject", "arn:aws:s3:::logs/x", undefined), true, "undefined context");
  eq(lib.iam.allows(p({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }), "s3:GetObject"), true, "NotAction allows the rest");
  eq(lib.iam.allows(p({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }), "iam:CreateUser"), false, "NotAction leaves its own out");
  eq(lib.iam.allows(p({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secret*" }), "s3:GetObject", "arn:aws:s3:::public"), true, "NotResource allows the rest");
  eq(lib.iam.allows(p({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secret*" }), "s3:GetObject", "arn:aws:s3:::secret-x"), false, "NotResource leaves its own out");
  eq(lib.iam.allows(p(allow("*"), deny("iam:*")), "iam:CreateUser"), false, "a Deny wins");
  eq(lib.iam.allows(p(deny("iam:*"), allow("*")), "s3:GetObject"), true, "a Deny of something else does not");
  eq(lib.iam.allows(p({ Effect: "Deny", NotAction: "s3:*", Resource: "*" }, allow("*")), "ec2:RunInstances"), false, "Deny with NotAction");
  eq(lib.iam.allows(p(allow("s3:*", "arn:aws:s3:::home/${aws:username}/*")), "s3:GetObject", "arn:aws:s3:::home/ada/x", { "aws:username": "ada" }), true, "a policy variable from the context");
  eq(lib.iam.allows(p(allow("s3:*", "arn:aws:s3:::home/${aws:username}/*")), "s3:GetObject", "arn:aws:s3:::home/bob/x", { "aws:username": "ada" }), false, "another user's folder");
  eq(lib.iam.allows(p(allow("s3:*", "arn:aws:s3:::home/${aws:username}/*")), "s3:GetObject", "arn:aws:s3:::home/ada/x"), false, "an unknown variable never matches");
  eq(lib.iam.allows(p(allow("s3:*", "arn:aws:s3:::a${*}b")), "s3:GetObject", "arn:aws:s3:::a*b"), true, "${*} is a literal star");
  eq(lib.iam.allows(p(allow("s3:*", "arn:aws:s3:::a${*}b")), "s3:GetObject", "arn:aws:s3:::axyzb"), false, "and not a wildcard");
  eq(lib.iam.allows(JSON.stringify(p(allow("s3:*"))), "s3:ListBucket"), true, "a JSON document");
  eq(lib.iam.allows(encodeURIComponent(JSON.stringify(p(allow("s3:*")))), "s3:ListBucket"), true, "a URL-encoded document");
  throws(() => lib.iam.allows(p(allow("*")), 7), "lib.iam.allows: action must be a string", "a bad action");
  throws(() => lib.iam.allows(p(allow("*")), "s3:x", "*", "ctx"), "context must be an object", "a bad context");
  throws(() => lib.iam.allows("nope", "s3:x"), "lib.iam.allows: ", "a bad document names allows, not parse");
  )JS", 30);
}

TEST(Lib, IamAllowsEvaluatesConditions) {
  run_checks(R"JS(
  const when = (Condition, Effect = "Allow") => ({ Statement: [{ Effect, Action: "s3:*", Resource: "*", Condition }] });
  const a = (Condition, context) => lib.iam.allows(when(Condition), "s3:GetObject", "*", context);
  eq(a({ StringEquals: { "aws:PrincipalTag/team": "data" } }, { "aws:PrincipalTag/team": "data" }), true, "StringEquals");
  eq(a({ StringEquals: { "aws:PrincipalTag/team": "data" } }, { "aws:principaltag/team": "Data" }), false, "StringEquals keeps case; keys do not");
  eq(a({ StringEqualsIgnoreCase: { "k": "data" } }, { k: "DATA" }), true, "StringEqualsIgnoreCase");
  eq(a({ StringNotEquals: { k: ["a", "b"] } }, { k: "c" }), true, "StringNotEquals");
  eq(a({ StringNotEquals: { k: ["a", "b"] } }, { k: "b" }), false, "StringNotEquals, equal");
  eq(a({ StringNotEqualsIgnoreCase: { k: "a" } }, { k: "A" }), false, "StringNotEqualsIgnoreCase");
  eq(a({ StringLike: { k: "arn:*:role/ad?" } }, { k: "arn:aws:iam::1:role/ada" }), true, "StringLike");
  eq(a({ StringLike: { k: "x*" } }, { k: "X1" }), false, "StringLike keeps case");
  eq(a({ StringLikeIgnoreCase: { k: "x*" } }, { k: "X1" }), true, "StringLikeIgnoreCase");
  eq(a({ StringNotLike: { k: "x*" } }, { k: "y" }), true, "StringNotLike");
  eq(a({ StringNotLikeIgnoreCase: { k: "x*" } }, { k: "X" }), false, "StringNotLikeIgnoreCase");
  eq(a({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::bucket-*" } }, { "aws:SourceArn": "arn:aws:s3:::bucket-1" }), true, "ArnLike");
  eq(a({ ArnEquals: { "aws:SourceArn": "arn:aws:sns:*:111122223333:*" } }, { "aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:t" }), true, "ArnEquals field by field");
  eq(a({ ArnEquals: { "aws:SourceArn": "arn:aws:sns:*:111122223333:*" } }, { "aws:SourceArn": "arn:aws:sns:eu-west-1:999:t" }), false, "ArnEquals, another account");
  eq(a({ ArnNotLike: { "aws:SourceArn": "arn:aws:s3:::x*" } }, { "aws:SourceArn": "arn:aws:s3:::y" }), true, "ArnNotLike");
  eq(a({ ArnNotEquals: { "aws:SourceArn": "arn:aws:s3:::x" } }, { "aws:SourceArn": "arn:aws:s3:::x" }), false, "ArnNotEquals");
  eq(a({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::x" } }, { "aws:SourceArn": "not an arn" }), false, "ArnLike on text that is no ARN");
  eq(a({ Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": true }), true, "Bool with a boolean");
  eq(a({ Bool: { "aws:SecureTransport": false } }, { "aws:SecureTransport": "true" }), false, "Bool false");
  eq(a({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"] } }, { "aws:SourceIp": "2001:db8::7" }), true, "IpAddress, IPv6");
  eq(a({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:SourceIp": "11.0.0.1" }), false, "IpAddress outside");
  eq(a({ IpAddress: { "aws:SourceIp": "203.0.113.7" } }, { "aws:SourceIp": "203.0.113.7" }), true, "IpAddress, a single address");
  eq(a({ NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:SourceIp": "11.0.0.1" }), true, "NotIpAddress");
  eq(a({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:SourceIp": "garbage" }), false, "IpAddress with no address");
  eq(a({ NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": 9 }), true, "NumericLessThan");
  eq(a({ NumericLessThanEquals: { n: "10" } }, { n: "10" }), true, "NumericLessThanEquals");
  eq(a({ NumericGreaterThan: { n: "10" } }, { n: 10 }), false, "NumericGreaterThan");
  eq(a({ NumericGreaterThanEquals: { n: "1.5" } }, { n: "2" }), true, "NumericGreaterThanEquals");
  eq(a({ NumericEquals: { n: "3" } }, { n: "3.0" }), true, "NumericEquals");
  eq(a({ NumericNotEquals: { n: "3" } }, { n: 4 }), true, "NumericNotEquals");
  eq(a({ NumericEquals: { n: "3" } }, { n: "three" }), false, "a number that is not one never matches");
  eq(a({ DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }, { "aws:CurrentTime": "2029-12-31T23:59:59Z" }), true, "DateLessThan");
  eq(a({ DateGreaterThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }, { "aws:CurrentTime": new Date("2031-01-01") }), true, "DateGreaterThan with a Date");
  eq(a({ DateEquals: { "aws:EpochTime": "1700000000" } }, { "aws:EpochTime": 1700000000 }), true, "DateEquals in epoch seconds");
  eq(a({ DateNotEquals: { d: "2020-01-01T00:00:00Z" } }, { d: "2020-01-01T00:00:00Z" }), false, "DateNotEquals");
  eq(a({ DateLessThanEquals: { d: "2020-01-01" } }, { d: "2020-01-01" }), true, "DateLessThanEquals");
  eq(a({ DateGreaterThanEquals: { d: "2020-01-01" } }, { d: "2019-01-01" }), false, "DateGreaterThanEquals");
  eq(a({ Null: { "aws:TokenIssueTime": "true" } }, {}), true, "Null true: the key is absent");
  eq(a({ Null: { "aws:TokenIssueTime": "true" } }, { "aws:TokenIssueTime": "x" }), false, "Null true, present");
  eq(a({ Null: { "aws:TokenIssueTime": "false" } }, { "aws:TokenIssueTime": "x" }), true, "Null false: present");
  eq(a({ StringEqualsIfExists: { k: "a" } }, {}), true, "IfExists: a missing key passes");
  eq(a({ StringEqualsIfExists: { k: "a" } }, { k: "b" }), false, "IfExists: a present key is compared");
  eq(a({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["env", "team"] } }, { "aws:TagKeys": ["cost", "team"] }), true, "ForAnyValue");
  eq(a({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["env"] } }, { "aws:TagKeys": ["cost", "team"] }), false, "ForAnyValue, none");
  eq(a({ "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team"] } }, { "aws:TagKeys": ["team"] }), true, "ForAllValues");
  eq(a({ "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team"] } }, { "aws:TagKeys": ["team", "cost"] }), false, "ForAllValues, one outside");
  eq(a({ "ForAllValues:StringEquals": { "aws:TagKeys": ["env"] } }, { "aws:TagKeys": [] }), true, "ForAllValues over an empty list");
  eq(a({ "ForAllValues:StringNotEquals": { "aws:TagKeys": ["secret"] } }, { "aws:TagKeys": ["a", "b"] }), true, "ForAllValues with a negated operator");
  eq(a({ "forallvalues:stringequals": { "aws:TagKeys": ["team"] } }, { "aws:TagKeys": ["team"] }), true, "operators ignore case");
  eq(a({ StringEquals: { a: "1" }, Bool: { b: "true" } }, { a: "1", b: true }), true, "every operator must hold");
  eq(a({ StringEquals: { a: "1" }, Bool: { b: "true" } }, { a: "1", b: false }), false, "one failing operator is enough");
  // A key the context lacks: neither an Allow nor a Deny applies.
  eq(a({ StringEquals: { "aws:PrincipalOrgID": "o-1" } }, {}), false, "an Allow on an unknown key does not apply");
  const denyUnknown = { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" },
    { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }] };
  eq(lib.iam.allows(denyUnknown, "s3:GetObject"), true, "a Deny on an unknown key does not apply");
  eq(lib.iam.allows(denyUnknown, "s3:GetObject", "*", { "aws:MultiFactorAuthPresent": false }), false, "a Deny on a known key does");
  throws(() => a({ StringSorta: { k: "a" } }, { k: "a" }), "unknown condition operator 'StringSorta'", "an unknown operator");
  throws(() => a({ "ForSomeValues:StringEquals": { k: "a" } }, { k: "a" }), "unknown condition set operator", "an unknown set operator");
  )JS", 56);
}

TEST(Lib, IamAdminPublicAndPrincipals) {
  run_checks(R"JS(
  const doc = (...Statement) => ({ Statement });
  eq(lib.iam.isAdmin(doc({ Effect: "Allow", Action: "*", Resource: "*" })), true, "* on *");
  eq(lib.iam.isAdmin(doc({ Effect: "Allow", Action: ["s3:*", "*:*"], Resource: ["arn:x", "*"] })), true, "*:* on *");
  eq(lib.iam.isAdmin(doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::x" })), false, "* on one resource");
  eq(lib.iam.isAdmin(doc({ Effect: "Allow", Action: "iam:*", Resource: "*" })), false, "one service");
  eq(lib.iam.isAdmin(doc({ Effect: "Deny", Action: "*", Resource: "*" })), false, "a Deny");
  eq(lib.iam.isAdmin(doc({ Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })), false, "conditional");
  eq(lib.iam.isAdmin(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })), false, "NotAction is not admin");
  eq(lib.iam.isAdmin(encodeURIComponent(JSON.stringify(doc({ Effect: "Allow", Action: "*", Resource: "*" })))), true, "URL-encoded");

  const open = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*" };
  eq(lib.iam.isPublic(doc(open)), true, "Principal *");
  eq(lib.iam.isPublic(doc(Object.assign({}, open, { Principal: { AWS: "*" } }))), true, "AWS *");
  eq(lib.iam.isPublic(doc(Object.assign({}, open, { Principal: { AWS: ["arn:aws:iam::1:root", "*"] } }))), true, "* among others");
  eq(lib.iam.isPublic(doc(Object.assign({}, open, { Principal: { CanonicalUser: "*" } }))), true, "CanonicalUser *");
  eq(lib.iam.isPublic(doc(Object.assign({}, open, { Principal: { AWS: "arn:aws:iam::1:root" } }))), false, "one account");
  eq(lib.iam.isPublic(doc(Object.assign({}, open, { Principal: { Service: "cloudtrail.amazonaws.com" } }))), false, "a service");
  eq(lib.iam.isPublic(doc(Object.assign({}, open, { Effect: "Deny" }))), false, "a Deny to everyone");
  eq(lib.iam.isPublic(doc(Object.assign({}, open, { Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::1:root" } }))), true, "Allow with NotPrincipal");
  const restricted = (Condition) => lib.iam.isPublic(doc(Object.assign({}, open, { Condition })));
  eq(restricted({ StringEquals: { "aws:PrincipalOrgID": "o-abc" } }), false, "PrincipalOrgID");
  eq(restricted({ StringEquals: { "aws:SourceAccount": "111122223333" } }), false, "SourceAccount");
  eq(restricted({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*" } }), false, "SourceArn");
  eq(restricted({ StringEquals: { "aws:sourcevpce": "vpce-1" } }), false, "SourceVpce, any case");
  eq(restricted({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }), false, "SourceIp, a range");
  eq(restricted({ IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }), true, "SourceIp, the world");
  eq(restricted({ StringLike: { "aws:PrincipalOrgID": "*" } }), true, "a * value restricts nothing");
  eq(restricted({ StringNotEquals: { "aws:PrincipalAccount": "1" } }), true, "a negated operator lets everyone else in");
  eq(restricted({ StringEqualsIfExists: { "aws:SourceAccount": "1" } }), true, "IfExists lets requests without the key in");
  eq(restricted({ "ForAllValues:StringEquals": { "aws:PrincipalOrgPaths": ["o-1/r-1/"] } }), true, "ForAllValues passes without the key");
  eq(restricted({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-1/*"] } }), false, "ForAnyValue restricts");
  eq(restricted({ Bool: { "aws:SecureTransport": "true" } }), true, "TLS is no restriction on who");
  eq(lib.iam.publicStatements(doc({ Sid: "private", Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "*" }, Object.assign({ Sid: "web" }, open))).map((s) => s.Sid),
     ["web"], "publicStatements lists the public ones");
  eq(lib.iam.RESTRICTING_KEYS.includes("aws:PrincipalOrgID"), true, "RESTRICTING_KEYS");

  const trust = doc({ Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"], AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" },
    { Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" },
    { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" },
    { Effect: "Deny", Principal: { AWS: "arn:aws:iam::999:root" }, Action: "*" },
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:TagSession" });
  eq(lib.iam.principals(trust), [{ type: "Service", value: "ec2.amazonaws.com" }, { type: "Service", value: "lambda.amazonaws.com" },
     { type: "AWS", value: "arn:aws:iam::111122223333:root" }, { type: "Federated", value: "cognito-identity.amazonaws.com" },
     { type: "AWS", value: "*" }], "principals, once each, Allow only");
  )JS", 31);
}

TEST(Lib, NetParsesComparesAndClassifiesCidrs) {
  run_checks(R"JS(
  const n = lib.net;
  eq([n.isWorld("0.0.0.0/0"), n.isWorld("::/0"), n.isWorld("0.0.0.0/1"), n.isWorld("10.0.0.0/8"), n.isWorld("1.2.3.4/0")], [true, true, false, false, true], "isWorld");
  eq(n.contains("10.0.0.0/8", "10.255.0.0/16"), true, "contains");
  eq(n.contains("10.0.0.0/8", "11.0.0.0/16"), false, "outside");
  eq(n.contains("10.0.0.0/16", "10.0.0.0/8"), false, "a bigger inner");
  eq(n.contains("10.0.0.0/8", "10.1.2.3"), true, "an address");
  eq(n.contains("10.1.2.3/8", "10.200.0.0/16"), true, "host bits in the outer CIDR are ignored");
  eq(n.contains("0.0.0.0/0", "::/0"), false, "families never contain each other");
  eq(n.contains("2001:db8::/32", "2001:db8:ffff::/48"), true, "IPv6");
  eq(n.contains("2001:db8::/32", "2001:db9::/48"), false, "IPv6 outside");
  eq(n.contains("::ffff:0:0/96", "::ffff:192.0.2.1"), true, "IPv6 with an IPv4 tail");
  eq(n.contains("2001:DB8::/32", "2001:0db8:0000:0000:0000:0000:0000:0001"), true, "IPv6 written in full, any case");
  eq(n.overlaps("10.0.0.0/8", "10.1.0.0/16"), true, "overlaps, inner");
  eq(n.overlaps("10.1.0.0/16", "10.0.0.0/8"), true, "overlaps, outer");
  eq(n.overlaps("10.0.0.0/16", "10.1.0.0/16"), false, "disjoint");
  eq(n.overlaps("fc00::/7", "fd12:3456::/32"), true, "IPv6 overlaps");
  eq(["10.1.0.0/16", "172.31.255.0/24", "192.168.1.1", "100.64.0.0/10", "127.0.0.1", "169.254.169.254", "::1", "fe80::1", "fd00::/8"].map(n.isPrivate),
     [true, true, true, true, true, true, true, true, true], "private ranges");
  eq(["8.8.8.8", "172.32.0.0/16", "10.0.0.0/7", "0.0.0.0/0", "2001:db8::/32", "::/0"].map(n.isPrivate), [false, false, false, false, false, false], "public ranges");
  eq(n.PRIVATE_RANGES.includes("fc00::/7"), true, "PRIVATE_RANGES");
  for (const bad of ["10.0.0.256/8", "10.0.0/8", "10.0.0.0/33", "::/129", "1:2:3:4:5:6:7:8:9", "1::2::3", "fg::/8", "10.0.0.0/", "10.0.0.0/-1", "", "a.b.c.d", "1.2.3.4/8/9"])
    throws(() => n.contains(bad, "10.0.0.0/8"), "lib.net.contains: outer '" + bad + "' is not a CIDR", "malformed " + bad);
  throws(() => n.isWorld(null), "lib.net.isWorld: cidr must be a CIDR string, got null", "not a string");
  throws(() => n.isPrivate({ toString() { return "10.0.0.0/8"; } }), "must be a CIDR string", "an object, never converted");
  )JS", 32);
}

TEST(Lib, NetFindsRulesOpenToTheWorld) {
  run_checks(R"JS(
  const rule = (IpProtocol, FromPort, ToPort, v4 = [], v6 = []) => ({ IpProtocol, FromPort, ToPort,
    IpRanges: v4.map((CidrIp) => ({ CidrIp })), Ipv6Ranges: v6.map((CidrIpv6) => ({ CidrIpv6 })) });
  const perms = [rule("tcp", 22, 22, ["0.0.0.0/0", "10.0.0.0/8"]), rule("tcp", 80, 443, [], ["::/0"]), rule("udp", 53, 53, ["10.0.0.0/8"]),
                 rule("icmp", 8, -1, ["0.0.0.0/0"])];
  eq(lib.net.openToWorld(perms, [22]), [{ protocol: "tcp", fromPort: 22, toPort: 22, cidr: "0.0.0.0/0" }], "port 22");
  eq(lib.net.openToWorld(perms, [3389]), [], "port 3389");
  eq(lib.net.openToWorld(perms, [443, 22]).map((o) => o.cidr), ["0.0.0.0/0", "::/0"], "IPv6 too");
  eq(lib.net.openToWorld(perms, [[100, 200]]), [{ protocol: "tcp", fromPort: 80, toPort: 443, cidr: "::/0" }], "a port range");
  eq(lib.net.openToWorld(perms).length, 3, "every port: ICMP counts too");
  eq(lib.net.openToWorld(perms, []).map((o) => o.protocol), ["tcp", "tcp", "icmp"], "[] is every port");
  eq(lib.net.openToWorld([rule("-1", undefined, undefined, ["0.0.0.0/0"])], [3389]), [{ protocol: "-1", fromPort: 0, toPort: 65535, cidr: "0.0.0.0/0" }], "protocol -1 reaches every port");
  eq(lib.net.openToWorld([rule("6", 0, 65535, ["0.0.0.0/0"])], [22]).length, 1, "protocol numbers");
  eq(lib.net.openToWorld([{ IpProtocol: "tcp", FromPort: 22, ToPort: 22 }], [22]), [], "no ranges at all");
  eq(lib.net.openToWorld([], [22]), [], "no rules");
  throws(() => lib.net.openToWorld("rules"), "lib.net.openToWorld: ipPermissions must be an array, got a string", "not an array");
  throws(() => lib.net.openToWorld([7]), "ipPermissions[0] is a number (7), not an IpPermission object", "not an object");
  throws(() => lib.net.openToWorld(perms, [70000]), "ports[0] is not a port or port range", "a port out of range");
  throws(() => lib.net.openToWorld(perms, ["22"]), "ports[0] must be a port number or a [from, to] pair", "a port as text");
  throws(() => lib.net.openToWorld([rule("tcp", 1, 2, ["0.0.0.0/99"])]), "ipPermissions[0].IpRanges[0].CidrIp '0.0.0.0/99' is not a CIDR", "a bad range names where");
  throws(() => lib.net.openToWorld([{ get IpProtocol() { throw new Error("boom"); } }]), "lib.net.openToWorld: boom", "a getter that throws");

  const entry = (RuleNumber, Protocol, RuleAction, cidr, From, To, Egress = false) => Object.assign(
    { RuleNumber, Protocol, RuleAction, Egress }, cidr.includes(":") ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr },
    From === undefined ? {} : { PortRange: { From, To } });
  const defaults = [entry(100, "-1", "allow", "0.0.0.0/0"), entry(32767, "-1", "deny", "0.0.0.0/0"), entry(100, "-1", "allow", "0.0.0.0/0", undefined, undefined, true)];
  eq(lib.net.naclOpenToWorld(defaults, [22]).map((e) => e.RuleNumber), [100], "the default ACL is open");
  eq(lib.net.naclOpenToWorld([entry(200, "6", "allow", "0.0.0.0/0", 0, 65535), entry(100, "6", "deny", "0.0.0.0/0", 22, 22)], [22]), [], "a lower-numbered deny wins, whatever the order given");
  eq(lib.net.naclOpenToWorld([entry(200, "6", "allow", "0.0.0.0/0", 0, 65535), entry(100, "6", "deny", "0.0.0.0/0", 22, 22)], [22, 3389]).length, 1, "but not on another port");
  eq(lib.net.naclOpenToWorld([entry(100, "6", "allow", "0.0.0.0/0", 0, 65535), entry(200, "6", "deny", "0.0.0.0/0", 22, 22)], [22]).length, 1, "a later deny loses");
  eq(lib.net.naclOpenToWorld([entry(100, "6", "deny", "10.0.0.0/8", 22, 22), entry(200, "6", "allow", "0.0.0.0/0", 22, 22)], [22]).length, 1, "a deny of part of the world does not close it");
  eq(lib.net.naclOpenToWorld([entry(100, "6", "allow", "10.0.0.0/8", 22, 22)], [22]), [], "an allow of part of the world is not open to it");
  eq(lib.net.naclOpenToWorld([entry(90, "6", "deny", "0.0.0.0/0", 0, 1000), entry(95, "6", "deny", "0.0.0.0/0", 1001, 65535), entry(100, "6", "allow", "0.0.0.0/0", 0, 65535)]), [], "denies add up");
  eq(lib.net.naclOpenToWorld([entry(90, "6", "deny", "0.0.0.0/0", 0, 1000), entry(100, "6", "allow", "0.0.0.0/0", 0, 65535)]).length, 1, "with a gap it stays open");
  eq(lib.net.naclOpenToWorld([entry(90, "6", "deny", "0.0.0.0/0", 22, 22), entry(100, "-1", "allow", "0.0.0.0/0")], [22]).length, 1, "UDP 22 stays open behind a TCP deny");

  // Azure network security groups: rules as Resource Manager lists them, by priority.
  const nsg = (name, priority, access, source, ports, protocol = "Tcp", direction = "Inbound") => ({
    name, properties: Object.assign({ priority, access, protocol, direction },
      Array.isArray(source) ? { sourceAddressPrefixes: source } : { sourceAddressPrefix: source },
      Array.isArray(ports) ? { destinationPortRanges: ports } : { destinationPortRange: ports }) });
  const names = (rules) => rules.map((r) => r.name);
  eq(names(lib.net.nsgOpenToInternet([nsg("ssh", 100, "Allow", "*", "22")], [22])), ["ssh"], "SSH from anywhere");
  eq(names(lib.net.nsgOpenToInternet([nsg("ssh", 100, "Allow", "Internet", "20-30")], [22, 3389])), ["ssh"], "a range, the Internet tag");
  eq(names(lib.net.nsgOpenToInternet([nsg("ssh", 100, "Allow", ["10.0.0.0/8", "0.0.0.0/0"], ["443", "22"])], [22])), ["ssh"], "lists of sources and ports");
  eq(lib.net.nsgOpenToInternet([nsg("ssh", 100, "Allow", "10.0.0.0/8", "22")], [22]), [], "a private source");
  eq(lib.net.nsgOpenToInternet([nsg("ssh", 100, "Allow", "*", "22", "Tcp", "Outbound")], [22]), [], "outbound rules do not count");
  eq(lib.net.nsgOpenToInternet([nsg("deny", 100, "Deny", "*", "*", "*"), nsg("ssh", 200, "Allow", "*", "22")], [22]), [], "a higher-priority deny wins");
  eq(names(lib.net.nsgOpenToInternet([nsg("ssh", 100, "Allow", "*", "22"), nsg("deny", 200, "Deny", "*", "*", "*")], [22])), ["ssh"], "a lower-priority deny loses");
  eq(names(lib.net.nsgOpenToInternet([nsg("any", 100, "Allow", "*", "*", "*")], [3389])), ["any"], "every port and protocol");
  eq(lib.net.nsgOpenToInternet([nsg("dns", 100, "Allow", "*", "53", "Udp")], [53], "Tcp"), [], "UDP is not TCP");
  eq(names(lib.net.nsgOpenToInternet([nsg("dns", 100, "Allow", "*", "53", "Udp")], [], "Udp")), ["dns"], "any UDP port");
  eq(lib.net.nsgOpenToInternet([nsg("udp-deny", 100, "Deny", "*", "*", "Udp"), nsg("any", 200, "Allow", "*", "*", "*")], [], "Udp"), [], "UDP closed before the allow of every protocol");
  eq(names(lib.net.nsgOpenToInternet([{ name: "flat", priority: 100, access: "Allow", protocol: "Tcp", direction: "Inbound", sourceAddressPrefix: "*", destinationPortRange: "3389" }], [3389])), ["flat"], "a rule without properties");
  throws(() => lib.net.nsgOpenToInternet([nsg("bad", 100, "Allow", "*", "22-x")], [22]), "securityRules[0] has the port range '22-x'", "a bad range names where");
  throws(() => lib.net.nsgOpenToInternet([nsg("p", "high", "Allow", "*", "22")], [22]), "securityRules[0].priority is a string", "a priority that is no number");
  throws(() => lib.net.nsgOpenToInternet([], [22], "Icmp"), "protocol must be Tcp, Udp or *", "a protocol without ports");
  eq(lib.net.naclOpenToWorld([entry(90, "6", "deny", "0.0.0.0/0", 22, 22), entry(91, "17", "deny", "0.0.0.0/0", 0, 65535), entry(100, "-1", "allow", "0.0.0.0/0")], [22]), [], "TCP and UDP both denied");
  eq(lib.net.naclOpenToWorld([entry(90, "-1", "deny", "0.0.0.0/0"), entry(100, "-1", "allow", "::/0")], [22]).map((e) => e.Ipv6CidrBlock), ["::/0"], "families are separate");
  eq(lib.net.naclOpenToWorld([entry(100, "1", "allow", "0.0.0.0/0")], [22]), [], "ICMP reaches no port");
  eq(lib.net.naclOpenToWorld([entry(100, "1", "allow", "0.0.0.0/0")]).length, 1, "but is open when no port is asked");
  throws(() => lib.net.naclOpenToWorld([entry("first", "6", "allow", "0.0.0.0/0", 22, 22)]), "entries[0].RuleNumber is a string", "a RuleNumber that is no number");
  throws(() => lib.net.naclOpenToWorld({}), "entries must be an array", "not an array");
  )JS", 46);
}

TEST(Lib, ArnAndTime) {
  run_checks(R"JS(
  eq(lib.arn.parse("arn:aws:iam::123456789012:user/division/alice"), { partition: "aws", service: "iam", region: "", account: "123456789012",
     resource: "user/division/alice", resourceType: "user", resourceId: "division/alice" }, "type/id");
  eq(lib.arn.parse("arn:aws:lambda:eu-west-1:123456789012:function:worker:PROD").resourceId, "worker:PROD", "type:id");
  eq(lib.arn.parse("arn:aws:logs:us-east-1:1:log-group:/app/web:*").resourceId, "/app/web:*", "a log group");
  eq(lib.arn.parse("arn:aws:s3:::my-bucket"), { partition: "aws", service: "s3", region: "", account: "", resource: "my-bucket", resourceType: null, resourceId: "my-bucket" }, "no type");
  eq(lib.arn.parse("arn:aws-cn:ec2:cn-north-1:1:instance/i-1").partition, "aws-cn", "another partition");
  eq(["", "arn", "arn:aws", "arn:aws:s3:::", "arn::s3:::x", "urn:aws:s3:::x", "not an arn"].map(lib.arn.parse), [null, null, null, null, null, null, null], "not ARNs");
  eq([null, undefined, 7, {}].map((v) => lib.arn.parse(v)), [null, null, null, null], "not text");

  const now = "2024-03-31T00:00:00Z";
  eq(lib.time.daysSince("2024-03-01T00:00:00Z", now), 30, "ISO strings");
  eq(lib.time.daysSince("2024-03-30T12:00:00+00:00", now), 0.5, "fractional days, with an offset");
  eq(lib.time.daysSince(new Date("2024-03-21T00:00:00Z"), new Date(now)), 10, "Dates");
  eq(lib.time.daysSince(Date.parse("2024-03-30T00:00:00Z") / 1000, now), 1, "epoch seconds");
  eq(lib.time.daysUntil("2024-04-10T00:00:00Z", now), 10, "daysUntil");
  eq(lib.time.daysUntil("2024-03-21T00:00:00Z", now), -10, "negative once passed");
  eq(Math.abs(lib.time.daysSince(new Date()) ) < 0.01, true, "now by default");
  eq(lib.time.daysSince("2024-01-01", undefined) > 0, true, "an undefined now is now");
  eq(lib.time.parse("2024-03-31T00:00:00Z").toISOString(), "2024-03-31T00:00:00.000Z", "parse");
  for (const bad of ["N/A", "no_information", "", "2024-13-45", NaN, Infinity, new Date("nope")])
    throws(() => lib.time.daysSince(bad, now), "lib.time.daysSince: date is not a readable date", "unreadable " + String(bad));
  for (const bad of [null, undefined, {}, [], true])
    throws(() => lib.time.daysSince(bad, now), "date must be an ISO date string, a Date or epoch seconds", "wrong type " + String(bad));
  throws(() => lib.time.daysUntil("2024-01-01", "soon"), "lib.time.daysUntil: now is not a readable date", "a bad now");
  )JS", 29);
}

TEST(Lib, CloudWatchFilterCoversTheCisRequirements) {
  run_checks(R"JS(
  const cw = lib.cloudwatch;
  const names = Object.keys(cw.CIS_FILTERS);
  eq(names.length, 15, "fifteen requirements");
  for (const name of names) {
    const r = cw.CIS_FILTERS[name];
    eq(cw.filterCovers(r.pattern, name), true, name + ": its own recommended pattern covers it");
  }
  eq(cw.CIS_FILTERS.iamPolicyChanges.cis["3.0"], "4.4", "CIS control ids");
  eq(cw.filterCovers('{ $.userIdentity.type = "Root" }', "rootUsage"), true, "fewer exclusions: it counts more, still covering");
  eq(cw.filterCovers('{$.userIdentity.type=Root&&$.userIdentity.invokedBy NOT EXISTS&&$.eventType!=AwsServiceEvent}', "rootUsage"), true, "no spaces, no quotes");
  eq(cw.filterCovers('{ ($.eventType != "AwsServiceEvent") && ($.userIdentity.invokedBy NOT EXISTS) && ($.userIdentity.type = "Root") }', "rootUsage"), true, "another order");
  eq(cw.filterCovers('{ $.userIdentity.type = "Root" && $.awsRegion = "us-east-1" }', "rootUsage"), false, "an extra narrowing condition misses events");
  eq(cw.filterCovers('{ $.userIdentity.type = "IAMUser" }', "rootUsage"), false, "another value");
  const iam = cw.CIS_FILTERS.iamPolicyChanges.events;
  const or = (events) => "{ " + events.map((e) => "($.eventName = " + e + ")").join(" || ") + " }";
  eq(cw.filterCovers(or(iam), "iamPolicyChanges"), true, "every event, bare values");
  eq(cw.filterCovers(or([...iam].reverse()), "iamPolicyChanges"), true, "every event, another order");
  eq(cw.filterCovers(or(iam.concat(["CreateUser"])), "iamPolicyChanges"), true, "an extra alternative is fine");
  eq(cw.filterCovers(or(iam.slice(1)), "iamPolicyChanges"), false, "one event missing");
  eq(cw.filterCovers('{ ($.eventName = "PutUserPolicy") || ($.eventName = "AttachRolePolicy") }', "iamPolicyChanges"), false, "the old two-needle check's pattern");
  eq(cw.filterCovers('{ $.eventName = * }', "iamPolicyChanges"), true, "a wildcard counts them all");
  eq(cw.filterCovers('{ $.eventName = Put*Policy || $.eventName = Delete*Policy || $.eventName = *PolicyVersion || $.eventName = Attach*Policy || $.eventName = Detach*Policy || $.eventName = CreatePolicy }', "iamPolicyChanges"), true, "wildcards in values");
  eq(cw.filterCovers('{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }', "unauthorizedApiCalls"), true, "CIS's earlier pattern");
  eq(cw.filterCovers('{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }', "unauthorizedApiCalls"), true, "CIS's later pattern, && before ||");
  eq(cw.filterCovers('{ ($.errorCode = "UnauthorizedOperation") || ($.errorCode = "AccessDenied") }', "unauthorizedApiCalls"), false, "without the wildcards it misses events");
  eq(cw.filterCovers('{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }', "consoleSignInWithoutMfa"), true, "sign-in without MFA");
  eq(cw.filterCovers('{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }', "consoleSignInWithoutMfa"), true, "sign-in without MFA, CIS's narrower form");
  eq(cw.filterCovers('{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed = "No") }', "consoleSignInWithoutMfa"), false, "MFAUsed = No misses events without the field's Yes");
  eq(cw.filterCovers('{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }', "consoleAuthFailures"), true, "authentication failures");
  eq(cw.filterCovers('{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }', "cmkDisableOrDeletion"), true, "KMS, nested parentheses");
  eq(cw.filterCovers('{ ($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion) }', "cmkDisableOrDeletion"), true, "KMS without the event source");
  eq(cw.filterCovers('{ ($.eventSource = s3.amazonaws.com) && ($.eventName = DisableKey || $.eventName = ScheduleKeyDeletion) }', "cmkDisableOrDeletion"), false, "the wrong event source");
  eq(cw.filterCovers('{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed \\"authentication\\"") }', "consoleAuthFailures"), false, "escaped quotes are read");
  for (const odd of ["", "   ", "ConsoleLogin", "[ip, user]", "{", "{ $.eventName = }", "{ ($.eventName = x }", "{ $.a = b } trailing", "{ eventName = x }",
                     "{ $.a = \"unterminated }", "{ $.a ! b }", "{ " + "(".repeat(100) + "$.a = b" + ")".repeat(100) + " }"])
    eq(cw.filterCovers(odd, "rootUsage"), false, "a pattern lib cannot read covers nothing: " + odd.slice(0, 20));
  const wide = "{ " + Array.from({ length: 13 }, (_, i) => "($.a" + i + " = x || $.b" + i + " = y)").join(" && ") + " }";
  eq(cw.filterCovers(wide, "rootUsage"), false, "a pattern with too many alternatives to expand");
  throws(() => cw.filterCovers("{ $.a = b }", "rootUse"), "lib.cloudwatch.filterCovers: unknown requirement 'rootUse' (known: unauthorizedApiCalls,", "an unknown requirement");
  throws(() => cw.filterCovers(null, "rootUsage"), "filterPattern must be a string, got null", "a pattern that is not text");
  throws(() => cw.filterCovers("{" + " ".repeat(70000) + "}", "rootUsage"), "lib reads at most 65536", "a huge pattern");
  )JS", 56);
}

TEST(Lib, CloudWatchMonitoringSaysWhetherARequirementIsMet) {
  run_checks(R"JS(
  const cw = lib.cloudwatch;
  const trail = { Name: "main", IsMultiRegionTrail: true, CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:1:log-group:/cloudtrail:*" };
  const filter = { filterName: "root", logGroupName: "/cloudtrail", filterPattern: '{ $.userIdentity.type = "Root" }',
                   metricTransformations: [{ metricName: "RootUse", metricNamespace: "CIS" }] };
  const topic = "arn:aws:sns:us-east-1:1:alerts";
  const alarm = { AlarmName: "root-use", MetricName: "RootUse", Namespace: "CIS", AlarmActions: [topic] };
  const subscription = { TopicArn: topic, SubscriptionArn: topic + ":1b2c" };
  const all = { trails: [trail], metricFilters: [filter], alarms: [alarm], subscriptions: [subscription] };
  const m = (over) => cw.monitoring("rootUsage", Object.assign({}, all, over));
  eq(m({}).met, true, "met");
  eq(m({}).alarm.AlarmName, "root-use", "names the alarm");
  eq(m({ subscriptions: undefined }).met, true, "subscriptions not given: not checked");
  eq(m({ subscriptions: [{ TopicArn: topic, SubscriptionArn: "PendingConfirmation" }] }).met, false, "an unconfirmed subscription");
  eq(m({ subscriptions: [] }).message, "Alarm root-use on metric filter root notifies no SNS topic with a confirmed subscription", "no subscription");
  eq(m({ alarms: [Object.assign({}, alarm, { AlarmActions: [] })] }).met, false, "an alarm without actions");
  eq(m({ alarms: [] }).message, "Metric filter root on /cloudtrail has no alarm on its metric RootUse", "no alarm");
  eq(m({ alarms: [Object.assign({}, alarm, { Namespace: "Other" })] }).met, false, "an alarm on another metric");
  eq(m({ metricFilters: [] }).message, "No metric filter on /cloudtrail counts use of the root user", "no filter");
  eq(m({ metricFilters: [Object.assign({}, filter, { logGroupName: "/other" })] }).met, false, "a filter on another log group");
  eq(m({ metricFilters: [Object.assign({}, filter, { filterPattern: "{ $.eventName = ConsoleLogin }" })] }).met, false, "a filter that does not cover");
  eq(m({ trails: [] }).met, false, "no trail");
  eq(m({ trails: [Object.assign({}, trail, { IsMultiRegionTrail: false })] }).message, "No multi-region trail sends its events to CloudWatch Logs (trail main sends to CloudWatch Logs but is not multi-region)", "a single-region trail");
  eq(m({ trails: [Object.assign({}, trail, { CloudWatchLogsLogGroupArn: undefined })] }).met, false, "a trail without a log group");
  eq(m({ trails: [Object.assign({}, trail, { status: { IsLogging: false } })] }).met, false, "a trail that is not logging");
  eq(m({ trails: [Object.assign({}, trail, { status: { IsLogging: true }, eventSelectors: { EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: "All" }] } })] }).met, true, "logging, all management events");
  eq(m({ trails: [Object.assign({}, trail, { eventSelectors: { EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: "WriteOnly" }] } })] }).met, false, "write-only management events");
  eq(m({ trails: [Object.assign({}, trail, { eventSelectors: { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] }] } })] }).met, true, "advanced selectors");
  eq(m({ trails: [{ Name: "other", IsMultiRegionTrail: true, CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:1:log-group:/other:*" }, trail] }).met, true, "any counting trail will do");
  eq(cw.monitoring("iamPolicyChanges", all).met, false, "another requirement");
  throws(() => cw.monitoring("rootUsage", null), "lib.cloudwatch.monitoring: expected { trails, metricFilters, alarms, subscriptions }, got null", "nothing fetched");
  throws(() => cw.monitoring("rootUsage", { trails: "x" }), "trails must be an array", "trails of the wrong type");
  throws(() => cw.monitoring("nope", all), "unknown requirement 'nope'", "an unknown requirement");
  )JS", 23);
}

TEST(Lib, CloudWatchFetchMonitoringAsksOnlyForWhatTheVerdictNeeds) {
  run_checks(R"JS(
  const cw = lib.cloudwatch;
  const trail = { TrailARN: "arn:aws:cloudtrail:us-east-1:1:trail/main", Name: "main", IsMultiRegionTrail: true,
                  CloudWatchLogsLogGroupArn: "arn:aws:logs:eu-west-1:1:log-group:/cloudtrail:*" };
  const filter = { filterName: "root", logGroupName: "/cloudtrail", filterPattern: '{ $.userIdentity.type = "Root" }',
                   metricTransformations: [{ metricName: "RootUse", metricNamespace: "CIS" }] };
  const topic = "arn:aws:sns:eu-west-1:1:alerts";
  const alarm = { AlarmName: "root-use", MetricName: "RootUse", Namespace: "CIS", AlarmActions: [topic] };
  const made = [];
  const fake = (answers) => async (req) => {
    made.push(req.service + " " + req.endpoint + " " + JSON.stringify(req.params || {}) + " " + JSON.stringify((req.serviceParams || {}).region || null));
    const a = answers[req.endpoint];
    return [[a instanceof Error ? { apiResponse: null, error: { code: "AccessDenied", message: a.message } } : { apiResponse: a, error: null }]];
  };
  const everything = { describeMetricFilters: [filter], describeAlarms: { MetricAlarms: [alarm] },
                       listSubscriptions: [{ TopicArn: topic, SubscriptionArn: topic + ":1b2c" }] };
  let f = await cw.fetchMonitoring(fake(everything), { arn: trail.TrailARN, data: trail }, "rootUsage");
  eq(made, ['CloudWatchLogs describeMetricFilters {"logGroupName":"/cloudtrail"} ["eu-west-1"]', 'CloudWatch describeAlarms {} ["eu-west-1"]',
            'SNS listSubscriptions {} ["eu-west-1"]'], "filters, alarms and subscriptions, in the log group's region");
  eq(cw.monitoring("rootUsage", f).met, true, "and they meet the requirement");
  made.length = 0;
  f = await cw.fetchMonitoring(fake(everything), { arn: trail.TrailARN, data: trail }, "iamPolicyChanges");
  eq(made.length, 1, "no filter covers the requirement: alarms are not asked for");
  made.length = 0;
  f = await cw.fetchMonitoring(fake({ describeTrails: { trailList: [trail] }, describeMetricFilters: [] }), { arn: trail.TrailARN, data: {} }, "rootUsage");
  eq(made[0], 'CloudTrail describeTrails {"trailNameList":["arn:aws:cloudtrail:us-east-1:1:trail/main"]} null', "a trail its listing did not describe is described");
  eq(f.trails[0].Name, "main", "the described trail is judged");
  let rejected = null;
  try { await cw.fetchMonitoring(fake({ describeMetricFilters: new Error("no") }), { arn: trail.TrailARN, data: trail }, "rootUsage"); }
  catch (e) { rejected = e.message; }
  eq(rejected, "lib.cloudwatch.fetchMonitoring: CloudWatchLogs describeMetricFilters: AccessDenied: no", "a cloud error names the call");
  throws(() => cw.fetchMonitoring(null, {}, "rootUsage"), "lib.cloudwatch.fetchMonitoring: expected the signature's apiCaller", "no apiCaller");
  throws(() => cw.fetchMonitoring(fake({}), {}, "nope"), "unknown requirement 'nope'", "an unknown requirement");
  )JS", 8);
}

TEST(Lib, S3PublicAccessWeighsGrantsAndPoliciesAfterBlockPublicAccess) {
  run_checks(R"JS(
  const READ = { what: "read", aclPermissions: ["READ", "FULL_CONTROL"], actions: ["s3:GetObject"] };
  const everyone = { URI: "http://acs.amazonaws.com/groups/global/AllUsers", Type: "Group" };
  const publicRead = JSON.stringify({ Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });
  const calls = [];
  const fake = (answers) => async (req) => {
    calls.push(req.service + " " + req.endpoint);
    const a = answers[req.service + " " + req.endpoint];
    if (typeof a === "string") return [[{ apiResponse: null, error: { code: a, message: a } }]];
    return [[{ apiResponse: a === undefined ? {} : a, error: null }]];
  };
  const bucket = { name: "b", region: "eu-west-1", accountId: "1", data: { accountPublicAccessBlock: null } };
  const open = { "S3 getPublicAccessBlock": "NoSuchPublicAccessBlockConfiguration",
                 "S3 getBucketAcl": { Grants: [{ Grantee: everyone, Permission: "READ" }, { Grantee: { ID: "me" }, Permission: "FULL_CONTROL" }] },
                 "S3 getBucketPolicy": { Policy: publicRead } };
  eq(await lib.s3.publicAccess(fake(open), bucket, READ), ["the ACL grants READ to everyone", "the policy lets everyone read (Open)"], "ACL and policy");
  eq(calls, ["S3 getPublicAccessBlock", "S3 getBucketAcl", "S3 getBucketPolicy"], "the account's block came from the listing");
  const blocked = Object.assign({}, open, { "S3 getPublicAccessBlock": { PublicAccessBlockConfiguration: { IgnorePublicAcls: true, RestrictPublicBuckets: true } } });
  calls.length = 0;
  eq(await lib.s3.publicAccess(fake(blocked), bucket, READ), [], "the bucket's block cancels both");
  eq(calls, ["S3 getPublicAccessBlock"], "and nothing more is asked");
  const accountBlocks = Object.assign({}, open, { "S3Control getPublicAccessBlock": { PublicAccessBlockConfiguration: { IgnorePublicAcls: true } } });
  eq(await lib.s3.publicAccess(fake(accountBlocks), { name: "b", region: "eu-west-1", accountId: "1" }, READ), ["the policy lets everyone read (Open)"],
     "the account's block, asked for when the listing did not carry it");
  eq(await lib.s3.publicAccess(fake(Object.assign({}, open, { "S3 getBucketPolicy": "NoSuchBucketPolicy" })), bucket,
                               { what: "write", aclPermissions: ["WRITE"], actions: ["s3:PutObject"] }), [], "no write granted, no policy");
  let rejected = null;
  try { await lib.s3.publicAccess(fake(Object.assign({}, open, { "S3 getBucketAcl": "AccessDenied" })), bucket, READ); }
  catch (e) { rejected = e.message; }
  eq(rejected, "lib.s3.publicAccess: S3 getBucketAcl: AccessDenied: AccessDenied", "a cloud error names the call");
  throws(() => lib.s3.publicAccess(fake(open), bucket, { aclPermissions: [1] }), "aclPermissions[0] is", "a permission that is not text");
  throws(() => lib.s3.publicAccess(fake(open), null, READ), "lib.s3.publicAccess: expected the bucket", "no bucket");
  )JS", 9);
}

TEST(Lib, GcpReadsPoliciesFirewallsAndLogMetricAlerts) {
  run_checks(R"JS(
  const g = lib.gcp;
  const policy = { bindings: [{ role: "roles/storage.objectViewer", members: ["allUsers", "user:a@x.test"] },
                              { role: "roles/owner", members: ["user:b@x.test"], condition: { title: "t" } }] };
  eq(g.bindings(policy).map((b) => b.role + " " + b.member), ["roles/storage.objectViewer allUsers", "roles/storage.objectViewer user:a@x.test", "roles/owner user:b@x.test"],
     "one member at a time");
  eq(g.bindings(policy)[2].condition.title, "t", "with its condition");
  eq(g.bindings(undefined), [], "no policy");
  eq(g.publicMembers(policy), [{ role: "roles/storage.objectViewer", member: "allUsers" }], "everyone, of a policy");
  eq(g.publicMembers([{ role: "READER", specialGroup: "allAuthenticatedUsers" }, { role: "OWNER", userByEmail: "a@x.test" }, { role: "READER", iamMember: "allUsers" }])
       .map((a) => a.member), ["allAuthenticatedUsers", "allUsers"], "everyone, of a dataset's access list");
  throws(() => g.bindings({ bindings: [7] }), "policy.bindings[0] is a number (7), not a binding", "a binding that is no object");

  const rule = (sourceRanges, allowed, extra) => Object.assign({ direction: "INGRESS", sourceRanges, allowed }, extra || {});
  eq(g.firewallOpenToInternet(rule(["0.0.0.0/0"], [{ IPProtocol: "tcp", ports: ["22"] }]), [22]).length, 1, "SSH from anywhere");
  eq(g.firewallOpenToInternet(rule(["0.0.0.0/0"], [{ IPProtocol: "tcp", ports: ["3000-4000"] }]), [22, 3389]).length, 1, "a range holding a port");
  eq(g.firewallOpenToInternet(rule(["::/0"], [{ IPProtocol: "all" }]), [3389]).length, 1, "every protocol from anywhere (IPv6)");
  eq(g.firewallOpenToInternet(rule(["35.235.240.0/20"], [{ IPProtocol: "tcp", ports: ["22"] }]), [22]), [], "from IAP's range only");
  eq(g.firewallOpenToInternet(rule(["0.0.0.0/0"], [{ IPProtocol: "tcp", ports: ["443"] }]), [22]), [], "another port");
  eq(g.firewallOpenToInternet(rule(["0.0.0.0/0"], [{ IPProtocol: "icmp" }]), []), [], "ICMP opens no port");
  eq(g.firewallOpenToInternet(rule(["0.0.0.0/0"], [{ IPProtocol: "tcp", ports: ["22"] }], { disabled: true }), [22]), [], "a disabled rule");
  eq(g.firewallOpenToInternet(rule(["0.0.0.0/0"], [{ IPProtocol: "tcp" }], { direction: "EGRESS" }), [22]), [], "egress");
  eq(g.firewallOpenToInternet(rule(["0.0.0.0/0"], [{ IPProtocol: "udp" }])).length, 1, "no ports given: any");
  throws(() => g.firewallOpenToInternet(rule(["0.0.0.0/0"], [{ IPProtocol: "tcp", ports: ["x"] }]), [22]), "firewall.allowed[0].ports[0] 'x' is not a port or range",
         "a port that is no port");
  throws(() => g.firewallOpenToInternet(rule(["nowhere"], []), [22]), "firewall.sourceRanges[0]", "a source that is no CIDR");

  const metrics = [{ name: "projects/p/metrics/owners", filter: '(protoPayload.serviceName="cloudresourcemanager.googleapis.com")\n AND (ProjectOwnership OR projectOwnerInvitee)' },
                   { name: "projects/p/metrics/audit", filter: 'protoPayload.methodName="SetIamPolicy" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*' }];
  const alerts = [{ enabled: true, conditions: [{ conditionThreshold: { filter: 'metric.type="logging.googleapis.com/user/owners" resource.type="global"' } }] },
                  { enabled: false, conditions: [{ conditionThreshold: { filter: 'metric.type = "logging.googleapis.com/user/audit"' } }] }];
  eq(g.logMetricAlert(metrics, alerts, ["projectownership", "projectOwnerInvitee"]).policy === alerts[0], true, "a metric and its alert");
  eq(g.logMetricAlert(metrics, alerts, ['protoPayload.methodName = "SetIamPolicy"']).policy, null, "a metric whose alert is disabled");
  eq(g.logMetricAlert(metrics, alerts, ["storage.setIamPermissions"]), null, "no such metric");
  throws(() => g.logMetricAlert(metrics, alerts, []), "fragments must name at least one part of the filter", "nothing to look for");
  eq(g.PUBLIC_MEMBERS, ["allUsers", "allAuthenticatedUsers"], "the members meaning everyone");

  const calls = [];
  const project = (answers) => async (req) => {
    calls.push(req.service + " " + req.endpoint + " " + JSON.stringify(req.params) + " " + req.serviceParams.apiVersion);
    const a = answers[req.endpoint];
    return [[typeof a === "number" ? { apiResponse: null, error: { code: "PERMISSION_DENIED", message: "no", statusCode: a } } : { apiResponse: a, error: null }]];
  };
  const scanned = { accountId: "p" };
  const watched = await g.logMetricMonitoring(project({ "projects.metrics.list": metrics, "projects.alertPolicies.list": alerts }), scanned, ["ProjectOwnership"], "ownership changes");
  eq(watched.statusSig, true, "a metric with an enabled alert");
  eq(calls, ['logging projects.metrics.list {"parent":"projects/p"} v2', 'monitoring projects.alertPolicies.list {"name":"projects/p"} v3'], "the project's lists");
  const off = metrics.map((m) => Object.assign({}, m, { disabled: true }));
  eq((await g.logMetricMonitoring(project({ "projects.metrics.list": off, "projects.alertPolicies.list": alerts }), scanned, ["ProjectOwnership"], "x")).statusMessage,
     "No enabled log-based metric of the project counts x", "a disabled metric counts nothing");
  let rejected = null;
  try { await g.logMetricMonitoring(project({ "projects.metrics.list": 403 }), scanned, ["a"], "x"); } catch (e) { rejected = e.message; }
  eq(rejected, "lib.gcp.logMetricMonitoring: logging projects.metrics.list: PERMISSION_DENIED: no", "a cloud error names the call");

  const pg = { databaseVersion: "POSTGRES_15", settings: { databaseFlags: [{ name: "log_connections", value: "on" }] } };
  eq([g.sqlFlag(pg, "POSTGRES", "log_connections").value, g.sqlFlag(pg, "POSTGRES", "log_connections").applies], ["on", true], "a flag that is set");
  eq(g.sqlFlag(pg, "POSTGRES", "log_disconnections").value, null, "a flag left at its default");
  eq(g.sqlFlag(pg, "MYSQL", "local_infile").notApplicable, { statusSig: true, statusMessage: "Not a MySQL instance (POSTGRES_15): the flag does not apply" },
     "another engine's flag");
  throws(() => g.sqlFlag(pg, "ORACLE", "x"), "engine must be POSTGRES, MYSQL or SQLSERVER", "an engine Cloud SQL does not run");

  eq(await g.projectPolicy(project({}), { accountId: "p", data: { iamPolicy: policy } }), policy, "the policy the inventory read");
  calls.length = 0;
  eq(await g.projectPolicy(project({ "projects.getIamPolicy": { bindings: [] } }), { accountId: "p", data: {} }), { bindings: [] }, "else read");
  eq(calls, ['cloudresourcemanager projects.getIamPolicy {"resource":"p"} v1'], "for the resource's project");

  eq(g.sslPolicyWeaknesses({ profile: "MODERN", minTlsVersion: "TLS_1_2" }), [], "a strong policy");
  eq(g.sslPolicyWeaknesses({}), ["accepts TLS 1.0", "uses the COMPATIBLE profile"], "Google's defaults");
  eq(g.sslPolicyWeaknesses({ profile: "CUSTOM", minTlsVersion: "TLS_1_2", customFeatures: ["TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"] }),
     ["enables 1 weak cipher suite(s): TLS_RSA_WITH_AES_128_GCM_SHA256"], "a suite without forward secrecy");
  const proxies = project({ "sslPolicies.get": { name: "strong", profile: "RESTRICTED", minTlsVersion: "TLS_1_2" } });
  eq((await g.proxySslVerdict(proxies, { data: { sslPolicy: "https://www.googleapis.com/compute/v1/projects/p/global/sslPolicies/strong" } }, "HTTPS proxy")).statusSig, true,
     "a proxy naming a strong policy");
  eq((await g.proxySslVerdict(proxies, { data: {} }, "SSL proxy")).statusSig, false, "no policy named: Google's weak default");

  eq(g.nodePools({ nodePools: [{ name: "a", config: { x: 1 } }] }).map((p) => p.name + JSON.stringify(p.config)), ['a{"x":1}'], "the cluster's pools");
  eq(g.nodePools({ nodeConfig: { y: 2 } })[0].config, { y: 2 }, "its own nodeConfig when it lists none");
  eq([g.isAutopilot({ autopilot: { enabled: true } }), g.isAutopilot({})], [true, false], "Autopilot or not");
  )JS", 41);
}

TEST(Lib, AzureReadsItemsParametersFirewallsTlsAndAlerts) {
  run_checks(R"JS(
  const az = lib.azure;
  const made = [];
  const fake = (answers) => fakeCaller((req) => answers[req.endpoint], made);
  const id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg";
  const listed = { id, service: "Microsoft.DBforPostgreSQL", data: { id, properties: { version: "16" } } };
  eq((await az.item(fake({}), listed)).properties.version, "16", "the listing's item, when it has properties");
  eq(made, [], "without a call");
  eq((await az.item(fake({ "{id}": { id, properties: { version: "15" } } }), { id, service: "Microsoft.DBforPostgreSQL", data: {} })).properties.version, "15",
     "else read by its id");
  eq(made, ['Microsoft.DBforPostgreSQL {id} {"id":"' + id + '"}'], "through the resource's own namespace");
  let rejected = null;
  try { await az.item(fake({ "{id}": 403 }), { id, service: "Microsoft.DBforPostgreSQL" }); } catch (e) { rejected = e.message; }
  eq(rejected, "lib.azure.item: Microsoft.DBforPostgreSQL {id}: Nope: status 403", "a cloud error names the call");
  const parameters = fake({ "{id}/configurations/log_checkpoints": { properties: { value: "on" } }, "{id}/configurations/nothing": 404,
                            "{id}/configurations/empty": { properties: {} } });
  eq(await az.serverParameter(parameters, listed, "log_checkpoints"), "on", "a parameter's value");
  eq(await az.serverParameter(parameters, listed, "nothing"), null, "a parameter the server lacks");
  eq(await az.serverParameter(parameters, listed, "empty"), "", "a parameter without a value");
  throws(() => az.serverParameter(parameters, listed, 7), "lib.azure.serverParameter: name must be a string", "a name that is no string");
  throws(() => az.item(null, listed), "lib.azure.item: expected the signature's apiCaller", "no apiCaller");
  throws(() => az.item(parameters, { id: 1 }), "expected the resource (with id and service)", "no resource");

  const rule = (name, startIpAddress, endIpAddress) => ({ name, properties: { startIpAddress, endIpAddress } });
  eq(az.firewallExposure([rule("azure", "0.0.0.0", "0.0.0.0"), rule("all", "0.0.0.0", "255.255.255.255"), rule("half", "0.0.0.0", "127.255.255.255"),
                          rule("office", "203.0.113.0", "203.0.113.255"), rule("bad", "x", "y")]).map((r) => r.name + ": " + r.reach),
     ["azure: every Azure service", "all: the Internet", "half: the Internet"], "Azure's switch, and ranges of half the Internet or more");
  eq(az.firewallExposure([{ name: "flat", startIpAddress: "1.0.0.0", endIpAddress: "200.0.0.0" }])[0].range, "1.0.0.0-200.0.0.0", "a rule without properties");
  eq(az.firewallExposure(undefined), [], "no rules");
  throws(() => az.firewallExposure([5]), "rules[0] is a number (5), not a firewall rule", "a rule that is no object");

  eq([az.tlsAtLeast("TLS1_2", "1.2"), az.tlsAtLeast("TLS1_0", "1.2"), az.tlsAtLeast("1.3", "1.2"), az.tlsAtLeast("Tls12", "1.2")],
     [true, false, true, true], "Azure's spellings");
  eq([az.tlsAtLeast("TLSv1.2,TLSv1.3", "1.2"), az.tlsAtLeast("TLSv1,TLSv1.1,TLSv1.2", "1.2"), az.tlsAtLeast(undefined, "1.2"), az.tlsAtLeast("none", "1.2")],
     [true, false, false, false], "a list counts by its lowest; absent or unreadable is not");
  eq([az.tlsAtLeast("TLSv1,TLSv1.2", "1.2"), az.tlsAtLeast("TLSv1", "1.0"), az.tlsAtLeast("TLS1", "1.2")], [false, true, false], "MySQL's TLSv1 is 1.0");
  throws(() => az.tlsAtLeast("1.2", "new"), "minimum must name one TLS version", "a minimum that is no version");

  const alert = (name, enabled, allOf) => ({ name, properties: { enabled, condition: { allOf } } });
  const alerts = [alert("off", false, [{ field: "operationName", equals: "Microsoft.Network/networkSecurityGroups/delete" }]),
                  alert("nsg", true, [{ field: "category", equals: "Administrative" }, { anyOf: [{ field: "operationName", equals: "microsoft.network/networksecuritygroups/write" }] }]),
                  alert("health", true, [{ field: "category", equals: "ServiceHealth" }])];
  eq(az.activityLogAlert(alerts, { operationName: "Microsoft.Network/networkSecurityGroups/delete" }), null, "a disabled alert does not count");
  eq(az.activityLogAlert(alerts, { operationName: "Microsoft.Network/networkSecurityGroups/write" }).name, "nsg", "anyOf, any case");
  eq(az.activityLogAlert(alerts, { category: "ServiceHealth" }).name, "health", "a category");
  eq(az.activityLogAlert(alerts, { operationName: "Microsoft.Network/networkSecurityGroups/write", category: "ServiceHealth" }), null, "both must match");
  throws(() => az.activityLogAlert(alerts, {}), "name an operationName or a category", "nothing asked");
  )JS", 24);
}

TEST(Lib, AzureJudgesLogDeliveryPrivateEndpointsAndDefenderAssessments) {
  run_checks(R"JS(
  const az = lib.azure;
  const made = [];
  const fake = (answers) => fakeCaller((req) => answers[req.endpoint], made);
  const id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app";
  const site = { id, service: "Microsoft.Web" };
  const setting = (name, props) => ({ id: id + "/providers/microsoft.insights/diagnosticSettings/" + name, name, properties: props });
  const ws = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs";
  const settings = fake({ "{id}/providers/Microsoft.Insights/diagnosticSettings": [
    setting("http", { workspaceId: ws, storageAccountId: null, logs: [{ category: "AppServiceHTTPLogs", enabled: true }, { category: "AppServiceConsoleLogs", enabled: false }] }),
    setting("nowhere", { workspaceId: null, logs: [{ categoryGroup: "allLogs", enabled: true }] }),
    setting("console", { eventHubAuthorizationRuleId: "/x/authorizationRules/r", eventHubName: "hub", logs: [{ category: "AppServiceConsoleLogs", enabled: true }] }) ] });
  const http = await az.logDelivery(settings, site, ["appservicehttplogs", "allLogs"]);
  eq(http.delivered, [{ name: "http", logs: ["AppServiceHTTPLogs"], destination: "Log Analytics workspace logs" }], "a category, any case, to a destination");
  eq(http.undelivered, [{ name: "nowhere", why: "no destination" }, { name: "console", why: "none of appservicehttplogs, allLogs enabled" }], "and why the others do not count");
  eq(made, ['Microsoft.Insights {id}/providers/Microsoft.Insights/diagnosticSettings {"id":"' + id + '"}'], "the resource's own settings");
  eq((await az.logDelivery(settings, site)).delivered.map((d) => d.name + " to " + d.destination), ["http to Log Analytics workspace logs", "console to event hub hub"],
     "any enabled log when no category is named");
  eq((await az.logDelivery(fake({ "{id}/providers/Microsoft.Insights/diagnosticSettings": [] }), site)), { delivered: [], undelivered: [] }, "no setting");
  let rejected = null;
  try { await az.logDelivery(fake({ "{id}/providers/Microsoft.Insights/diagnosticSettings": 403 }), site); } catch (e) { rejected = e.message; }
  eq(rejected, "lib.azure.logDelivery: Microsoft.Insights {id}/providers/Microsoft.Insights/diagnosticSettings: Nope: status 403", "a cloud error names the call");
  throws(() => az.logDelivery(settings, site, []), "categories must name at least one", "an empty list of categories");

  const connection = (endpoint, status) => ({ name: endpoint + ".conn", properties: { privateEndpoint: { id: "/x/privateEndpoints/" + endpoint },
                                                                               privateLinkServiceConnectionState: { status } } });
  eq(az.privateEndpointVerdict({ properties: { privateEndpointConnections: [connection("pe-a", "Approved"), connection("pe-b", "Pending")] } }, "vault"),
     { statusSig: true, statusMessage: "The vault has 1 approved private endpoint(s): pe-a" }, "an approved endpoint");
  eq(az.privateEndpointVerdict({ properties: { privateEndpointConnections: [connection("pe-b", "Pending"), { name: "bare" }] } }, "vault").statusMessage,
     "No private endpoint of the vault is approved: pe-b (Pending), bare (no status)", "none approved");
  eq(az.privateEndpointVerdict({ properties: {} }, "vault").statusSig, false, "none at all");
  throws(() => az.privateEndpointVerdict(null, "vault"), "expected the resource as Resource Manager gives it", "no item");

  const vm = { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm", service: "Microsoft.Compute" };
  const assessment = (name, displayName, code, description) => ({ type: "Microsoft.Security/assessments", id: vm.id + "/providers/Microsoft.Security/assessments/" + name, name,
                                                                properties: { displayName, status: { code, description }, resourceDetails: { Source: "Azure", Id: vm.id } } });
  const assessed = (list) => fake({ "{id}/providers/Microsoft.Security/assessments": list });
  const edr = assessment("06E3A6DB-6c0c-4ad9-943f-31d9d73ecf6c", "EDR solution should be installed on Virtual Machines", "Healthy");
  const other = assessment("1195afff-c881-495e-9bc5-1486211ae03f", "Machines should have vulnerability findings resolved", "Unhealthy");
  eq(await az.assessmentVerdict(assessed([other, edr]), vm, ["06e3a6db-6c0c-4ad9-943f-31d9d73ecf6c"], "endpoint protection"),
     { statusSig: true, statusMessage: "Defender for Cloud assesses endpoint protection: 'EDR solution should be installed on Virtual Machines' is Healthy" },
     "the named assessment, any case, others ignored");
  const off = assessment("90386950-71ca-4357-a12e-486d1679427c", "Machines should be configured to periodically check for missing system updates", "Unhealthy", "Periodic assessment is off");
  const na = assessment("e1145ab1-eb4f-43d8-911b-36ddf771d13f", "System updates should be installed on your machines", "NotApplicable", "The machine is deallocated");
  eq((await az.assessmentVerdict(assessed([na, off]), vm, ["90386950-71ca-4357-a12e-486d1679427c", "e1145ab1-eb4f-43d8-911b-36ddf771d13f"], "updates")).statusMessage,
     "Defender for Cloud assesses updates: 'Machines should be configured to periodically check for missing system updates' is Unhealthy (Periodic assessment is off)",
     "an unhealthy one fails");
  eq((await az.assessmentVerdict(assessed([na]), vm, ["90386950-71ca-4357-a12e-486d1679427c", "e1145ab1-eb4f-43d8-911b-36ddf771d13f"], "updates")).statusSig, true,
     "not applicable passes");
  eq((await az.assessmentVerdict(assessed([other]), vm, ["06e3a6db-6c0c-4ad9-943f-31d9d73ecf6c"], "endpoint protection")).statusMessage,
     "Microsoft Defender for Cloud does not assess endpoint protection (it has no assessment 06e3a6db-6c0c-4ad9-943f-31d9d73ecf6c of the resource): the plan that assesses it is off, or the resource is not assessed yet",
     "none of the keys: not assessed, a Fail");
  throws(() => az.assessmentVerdict(assessed([]), vm, [], "x"), "keys must name at least one assessment key", "no keys");
  )JS", 16);
}

TEST(Lib, EntraFindsWhereAConditionalAccessPolicyFallsShortOfMfa) {
  run_checks(R"JS(
  const en = lib.entra;
  const policy = (over) => Object.assign({ displayName: "p", state: "enabled",
    conditions: { clientAppTypes: ["all"], applications: { includeApplications: ["All"], excludeApplications: [] }, users: { includeUsers: ["All"] },
                  userRiskLevels: [], signInRiskLevels: [], platforms: null, locations: null, devices: null },
    grantControls: { operator: "OR", builtInControls: ["mfa"], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null } }, over);
  const withConditions = (extra) => policy({ conditions: Object.assign({}, policy().conditions, extra) });
  eq(en.mfaPolicyGaps(policy()), [], "enabled, MFA, all apps, every client: enforced");
  eq(en.requiresMfa(policy()), true, "it asks for MFA");
  eq(en.mfaPolicyGaps(policy({ state: "enabledForReportingButNotEnforced" })), ["it is report-only"], "report-only");
  eq(en.mfaPolicyGaps(policy({ state: "disabled" })), ["it is disabled"], "disabled");
  eq(en.mfaPolicyGaps(policy({ grantControls: { operator: "OR", builtInControls: ["mfa", "compliantDevice"], termsOfUse: ["t1"] } })),
     ["MFA is one choice among its grant controls (OR): compliantDevice, accepting terms of use also grants access"], "MFA or something else");
  eq(en.mfaPolicyGaps(policy({ grantControls: { operator: "AND", builtInControls: ["mfa", "compliantDevice"] } })), [], "MFA and something else");
  const strength = policy({ grantControls: { operator: "OR", builtInControls: [], authenticationStrength: { id: "00000000-0000-0000-0000-000000000002", displayName: "Multifactor authentication" } } });
  eq([en.requiresMfa(strength), en.mfaPolicyGaps(strength)], [true, []], "an authentication strength is MFA");
  eq(en.mfaPolicyGaps(policy({ grantControls: { operator: "OR", builtInControls: ["block"] } })), ["it does not require MFA"], "blocking is not MFA");
  eq(en.mfaPolicyGaps(withConditions({ clientAppTypes: ["browser"] })), ["it applies only to some client apps (browser)"], "browsers only");
  eq(en.mfaPolicyGaps(withConditions({ clientAppTypes: ["browser", "mobileAppsAndDesktopClients"] })), [], "every modern client");
  eq(en.mfaPolicyGaps(withConditions({ signInRiskLevels: ["high", "medium"], userRiskLevels: ["high"] })),
     ["it applies only at user risk high", "it applies only at sign-in risk high, medium"], "risky sign-ins only");
  eq(en.mfaPolicyGaps(withConditions({ platforms: { includePlatforms: ["android", "iOS"] }, devices: { deviceFilter: { mode: "include", rule: "device.isCompliant -eq False" } } })),
     ["it applies only on some device platforms", "it applies only to some devices (a device filter)"], "platforms and devices");
  eq(en.mfaPolicyGaps(withConditions({ platforms: { includePlatforms: ["all"], excludePlatforms: [] } })), [], "all platforms");
  eq(en.mfaPolicyGaps(withConditions({ locations: { includeLocations: ["AllTrusted"] } })), ["it applies only in some locations"], "trusted locations only");
  eq(en.mfaPolicyGaps(withConditions({ locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] } })), [], "excluding trusted locations is accepted");
  const management = withConditions({ applications: { includeApplications: [en.AZURE_MANAGEMENT] } });
  eq([en.mfaPolicyGaps(management, en.AZURE_MANAGEMENT), en.mfaPolicyGaps(management)], [[], ["it covers only some apps, not all cloud apps"]], "one app");
  eq(en.mfaPolicyGaps(management, en.ADMIN_PORTALS), ["it does not cover the Microsoft Admin Portals"], "another app");
  eq(en.mfaPolicyGaps(withConditions({ applications: { includeApplications: ["All"], excludeApplications: ["MicrosoftAdminPortals"] } }), en.ADMIN_PORTALS),
     ["it excludes the Microsoft Admin Portals"], "all apps but the one asked for");
  eq(en.mfaPolicyGaps({}), ["it does not require MFA", "it is not enabled (state undefined)", "it covers only some apps, not all cloud apps"], "a policy without fields");
  eq(en.mfaPolicyGaps({ state: "enabled", conditions: null, grantControls: { builtInControls: "mfa" } }), ["it covers only some apps, not all cloud apps"], "null conditions");
  eq(en.mfaPolicyGaps({ state: 5, conditions: { applications: { includeApplications: [7, "All"] }, clientAppTypes: null }, grantControls: { builtInControls: [null, "mfa"] } }),
     ["it is not enabled (state a number (5))"], "odd values are read as what they are");
  throws(() => en.mfaPolicyGaps(null), "lib.entra.mfaPolicyGaps: expected a Conditional Access policy", "no policy");
  throws(() => en.mfaPolicyGaps(policy(), 42), "application must be a string", "an application that is no string");
  throws(() => en.requiresMfa([]), "lib.entra.requiresMfa: expected a Conditional Access policy", "a list is no policy");
  )JS", 24);
}

TEST(Lib, EntraFindsWhomAPolicyAppliesToThroughGroupsRolesAndGuests) {
  run_checks(R"JS(
  const en = lib.entra;
  const made = [];
  // Graph as a fake: each user's groups (nested ones included) and roles, or an error status.
  const fake = (memberOf) => fakeCaller((req) => memberOf[req.params.userId], made);
  const group = (id, displayName) => ({ "@odata.type": "#microsoft.graph.group", id, displayName });
  const role = (roleTemplateId, displayName) => ({ "@odata.type": "#microsoft.graph.directoryRole", id: "r-" + roleTemplateId, roleTemplateId, displayName });
  const graph = fake({ alice: [group("ops", "Cloud Operators"), group("sql", "SQL Admins"), role("62e9", "Global Administrator")], carol: [group("sql", "SQL Admins")], gone: 404, broken: 403 });
  const alice = { id: "alice", userPrincipalName: "alice@x.test", userType: "Member" };
  const carol = { id: "carol", userPrincipalName: "carol@x.test", userType: "Member" };
  const bob = { id: "bob", userPrincipalName: "bob_example.com#EXT#@x.test", userType: "Guest" };
  const users = (u) => ({ conditions: { users: u } });
  eq(await en.policyAppliesTo(graph, users({ includeUsers: ["All"] }), alice), { included: true, excluded: false, why: "it includes all users" }, "All users");
  eq(made, [], "without asking for memberships the policy does not need");
  eq(await en.policyAppliesTo(graph, users({ includeUsers: ["All"], excludeGroups: ["ops"] }), alice),
     { included: true, excluded: true, why: "it includes all users but excludes group 'Cloud Operators'" }, "excluded through a (nested) group");
  eq(made, ['Graph users/{userId}/transitiveMemberOf {"userId":"alice"}'], "memberships come from transitiveMemberOf");
  eq((await en.policyAppliesTo(graph, users({ includeRoles: ["62E9"] }), alice)).why, "it includes role 'Global Administrator'", "a role by template id, any case");
  eq((await en.policyAppliesTo(graph, users({ includeRoles: ["62e9"], includeGroups: ["ops"] }), carol)).included, false, "neither role nor group");
  eq((await en.policyAppliesTo(graph, users({ includeUsers: ["carol"], excludeRoles: ["62e9"] }), carol)), { included: true, excluded: false, why: "it includes the user" },
     "the user's id");
  eq((await en.policyAppliesTo(graph, users({ includeUsers: ["GuestsOrExternalUsers"] }), bob)).why, "it includes guests and external users", "guests, the old way");
  eq((await en.policyAppliesTo(graph, users({ includeUsers: ["GuestsOrExternalUsers"] }), alice)).included, false, "a member is no guest");
  const typed = { guestOrExternalUserTypes: "internalGuest,b2bCollaborationGuest", externalTenants: { membershipKind: "all" } };
  eq((await en.policyAppliesTo(graph, users({ includeGuestsOrExternalUsers: typed }), bob)).why, "it includes external users of kind b2bCollaborationGuest", "guest kinds");
  const someTenants = { guestOrExternalUserTypes: "b2bCollaborationGuest", externalTenants: { membershipKind: "enumerated", members: ["t1"] } };
  eq(await en.policyAppliesTo(graph, users({ includeUsers: ["All"], excludeGuestsOrExternalUsers: someTenants }), bob),
     { included: true, excluded: true, why: "it includes all users but excludes guests of particular external tenants (perhaps the user's)" }, "unsure exclusions exclude");
  eq((await en.policyAppliesTo(graph, users({ includeGuestsOrExternalUsers: someTenants }), bob)).included, false, "unsure inclusions do not include");
  eq((await en.policyAppliesTo(graph, users({ includeGroups: ["ops"] }), { id: "gone" })).included, false, "a user Graph no longer knows is in no group");
  eq(await en.policyAppliesTo(graph, { conditions: null }, alice), { included: false, excluded: false, why: "it does not include the user" }, "null conditions");
  eq((await en.policyAppliesTo(graph, { conditions: { users: { includeUsers: "All", includeGroups: [3, null] } } }, alice)).included, true, "odd lists");
  let rejected = null;
  try { await en.policyAppliesTo(graph, users({ includeGroups: ["ops"] }), { id: "broken" }); } catch (e) { rejected = e.message; }
  eq(rejected, "lib.entra.policyAppliesTo: Graph users/{userId}/transitiveMemberOf: Nope: status 403", "a cloud error names the call");
  throws(() => en.policyAppliesTo(graph, {}, { userPrincipalName: "x" }), "lib.entra.policyAppliesTo: expected a Graph user (with its id)", "a user without id");
  throws(() => en.policyAppliesTo(null, {}, alice), "expected the signature's apiCaller", "no apiCaller");
  throws(() => en.policyAppliesTo(graph, "p", alice), "expected a Conditional Access policy", "no policy");
  )JS", 19);
}

TEST(Lib, EntraSaysWhetherMfaCoversAUserAndWhoIsInAGroup) {
  run_checks(R"JS(
  const en = lib.entra;
  const made = [];
  const fake = (answers) => fakeCaller((req) => answers[req.endpoint], made);
  const mfa = { operator: "OR", builtInControls: ["mfa"] };
  const reportOnly = { displayName: "Everyone", state: "enabledForReportingButNotEnforced", grantControls: mfa,
                       conditions: { applications: { includeApplications: ["All"] }, users: { includeUsers: ["All"] } } };
  const management = { displayName: "Azure management", state: "enabled", grantControls: mfa,
                       conditions: { applications: { includeApplications: [en.AZURE_MANAGEMENT] }, users: { includeGroups: ["ops"] } } };
  const block = { displayName: "Block", state: "enabled", grantControls: { builtInControls: ["block"] }, conditions: { users: { includeUsers: ["All"] } } };
  const tenant = (defaults, policies) => fake({ "policies/identitySecurityDefaultsEnforcementPolicy": { isEnabled: defaults },
    "identity/conditionalAccess/policies": policies, "users/{userId}/transitiveMemberOf": [{ "@odata.type": "#microsoft.graph.group", id: "ops", displayName: "Ops" }] });
  const alice = { id: "alice", userType: "Member" };
  eq(await en.mfaCoverage(tenant(true, []), alice), { covered: true, by: "security defaults", gaps: [] }, "security defaults");
  eq(made, ["Graph policies/identitySecurityDefaultsEnforcementPolicy {}"], "and nothing more is asked");
  eq(await en.mfaCoverage(tenant(false, [block, reportOnly, management]), alice, en.AZURE_MANAGEMENT),
     { covered: true, by: "Conditional Access policy 'Azure management'", gaps: [] }, "a policy for the app, through a group");
  eq(await en.mfaCoverage(tenant(false, [block, reportOnly, management]), alice),
     { covered: false, by: null, gaps: ["Conditional Access policy 'Everyone': it is report-only", "Conditional Access policy 'Azure management': it covers only some apps, not all cloud apps"] },
     "no policy covers all apps: each policy's gaps");
  eq((await en.mfaCoverage(tenant(false, [Object.assign({}, reportOnly, { state: "enabled", conditions: { applications: { includeApplications: ["All"] }, users: { includeUsers: ["All"], excludeUsers: ["alice"] } } })]), alice)).gaps,
     ["Conditional Access policy 'Everyone': it includes all users but excludes the user"], "an exclusion is a gap");
  eq(await en.mfaCoverage(tenant(false, [null, 3, {}]), alice), { covered: false, by: null, gaps: [] }, "odd policies are no policies");
  let rejected = null;
  try { await en.mfaCoverage(fake({ "policies/identitySecurityDefaultsEnforcementPolicy": 403 }), alice); } catch (e) { rejected = e.message; }
  eq(rejected, "lib.entra.mfaCoverage: Graph policies/identitySecurityDefaultsEnforcementPolicy: Nope: status 403", "a cloud error names the call");
  throws(() => en.mfaCoverage(tenant(false, []), alice, ["All"]), "lib.entra.mfaCoverage: application must be a string", "an application that is no string");

  made.length = 0;
  eq(await en.user(fake({}), { id: "u1", data: { id: "u1", userType: "Member" } }), { id: "u1", userType: "Member" }, "the listing's item, when it has userType");
  eq((await en.user(fake({ "users/{userId}": { id: "u1", userType: "Guest" } }), { id: "u1", data: { id: "u1" } })).userType, "Guest", "else read again");
  eq(made, ['Graph users/{userId} {"userId":"u1","$select":"id,displayName,userPrincipalName,userType,accountEnabled"}'], "by its id, with what Graph leaves out");
  throws(() => en.user(fake({}), { data: {} }), "lib.entra.user: expected the user's resource (with its id)", "a resource without id");
  const user = (id) => ({ "@odata.type": "#microsoft.graph.user", id });
  const members = fake({ "groups/{groupId}/transitiveMembers": [user("a"), { "@odata.type": "#microsoft.graph.group", id: "nested" }, user("c"), 7] });
  made.length = 0;
  eq((await en.groupUsers(members, "ops")).map((u) => u.id), ["a", "c"], "users, nested groups' too, without the groups");
  eq(made, ['Graph groups/{groupId}/transitiveMembers {"groupId":"ops"}'], "one call");
  eq(await en.groupUsers(fake({ "groups/{groupId}/transitiveMembers": 404 }), "gone"), [], "a deleted group has nobody");
  throws(() => en.groupUsers(members, 5), "lib.entra.groupUsers: groupId must be a string", "a group id that is no string");
  )JS", 16);
}

// Every function of lib, given hostile values in each argument: it returns, or throws an
// Error naming itself; it never hangs, crashes the evaluation or throws something else.
TEST(Lib, EveryFunctionWithstandsHostileArguments) {
  auto o = shared_harness().run(R"JS(module.exports = (api, r, lib) => {
    const cyclic = { Statement: [], IpPermissions: [], Entries: [] };
    cyclic.self = cyclic; cyclic.Statement.push(cyclic); cyclic.IpPermissions.push(cyclic); cyclic.Entries.push(cyclic);
    const trap = () => { throw new Error("trap sprung"); };
    const hostile = {
      cyclic,
      "a huge sparse array": new Array(2 ** 32 - 1),
      "three million holes": new Array(3e6),
      "a Proxy whose every trap throws": new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap }),
      "an array Proxy that throws": new Proxy([], { get: trap }),
      "getters that throw": Object.defineProperties({}, Object.fromEntries(
        ["Statement", "Effect", "IpProtocol", "IpRanges", "Entries", "RuleNumber", "trails", "metricFilters", "length"].map((k) => [k, { get: trap, enumerable: true }]))),
      "a replaced prototype": Object.create(new Proxy({}, { get: trap })),
      "no prototype": Object.create(null),
      "a symbol": Symbol("s"),
      "a bigint": 10n,
      "a function": () => ({ Statement: [] }),
      "a huge string": "{" + "x".repeat(1 << 20),
      "NaN": NaN,
    };
    const problems = [];
    let calls = 0;
    for (const ns of Object.keys(lib)) for (const name of Object.keys(lib[ns])) {
      const fn = lib[ns][name];
      if (typeof fn !== "function") continue;
      const full = "lib." + ns + "." + name;
      for (const [what, value] of Object.entries(hostile))
        for (const args of [[value], ["10.0.0.0/8", value], ["rootUsage", value], [{ Statement: [] }, value], [value, [22]]]) {
          calls++;
          try { fn(...args); }
          catch (e) {
            if (!(e instanceof Error)) problems.push(full + " with " + what + " threw a " + typeof e);
            else if (!e.message.startsWith(full + ": ")) problems.push(full + " with " + what + ": '" + e.message + "' does not name it");
          }
        }
    }
    return { statusSig: problems.length === 0, statusMessage: calls + " calls; " + problems.slice(0, 10).join(" | ") };
  };)JS", 60s);
  EXPECT_EQ(o.status, Status::Pass) << message(o);
  EXPECT_GT(std::stoi(message(o)), 1000) << message(o);
}

TEST(Lib, IsDeeplyFrozenAndFreshInEveryEvaluation) {
  // One worker, so every evaluation below shares it: what one does must not reach the next.
  Limits limits = test_limits();
  limits.workers = 1;
  Harness one(limits);
  const std::string tamper = R"JS(module.exports = function (api, r, lib) {
    const frozen = [], seen = new Set();
    const walk = (v, path) => {
      if ((typeof v !== "object" && typeof v !== "function") || v === null || seen.has(v)) return;
      seen.add(v);
      if (!Object.isFrozen(v)) frozen.push(path);
      for (const k of Reflect.ownKeys(v)) {
        const d = Object.getOwnPropertyDescriptor(v, k);
        if ("value" in d) walk(d.value, path + "." + String(k));
        else { walk(d.get, path + ".get " + String(k)); walk(v[k], path + "." + String(k)); }  // a part, loaded now
      }
    };
    walk(lib, "lib");
    if (frozen.length) return { statusSig: false, statusMessage: "not frozen: " + frozen.join(", ") };
    const refused = [];
    const attempt = (label, fn) => { try { fn(); refused.push(label + " was allowed"); } catch (e) { if (!(e instanceof TypeError)) refused.push(label + ": " + e); } };
    attempt("replacing a function", () => { "use strict"; lib.iam.isAdmin = () => true; });
    attempt("adding a member", () => { "use strict"; lib.iam.extra = 1; });
    attempt("defining a member", () => Object.defineProperty(lib.net, "isWorld", { value: () => true }));
    attempt("deleting a member", () => { "use strict"; delete lib.arn.parse; });
    attempt("changing the data", () => { "use strict"; lib.cloudwatch.CIS_FILTERS.rootUsage.events = []; });
    attempt("changing a list", () => lib.net.PRIVATE_RANGES.push("8.0.0.0/8"));
    attempt("changing a function's property", () => { "use strict"; lib.iam.parse.name = "x"; });
    attempt("changing a prototype of lib's own", () => Object.setPrototypeOf(lib.iam, { isAdmin: () => true }));
    lib.iam.isAdmin = () => true;  // sloppy mode: silently ignored
    if (refused.length) return { statusSig: false, statusMessage: refused.join("; ") };
    // Replace the built-ins lib uses: it captured them before this code ran.
    String.prototype.toLowerCase = () => "patched";
    String.prototype.indexOf = () => -1;
    Array.isArray = () => false;
    Array.prototype.push = function () { throw new Error("push patched"); };
    Array.prototype[Symbol.iterator] = function* () { yield "patched"; };
    Object.keys = () => [];
    Object.freeze = (o) => o;
    JSON.parse = () => ({});
    Function.prototype.call = function () { return "patched"; };
    Function.prototype.apply = function () { return "patched"; };
    Reflect.apply = () => "patched";
    Object.defineProperty(Object.prototype, "Statement", { get() { return [{ Effect: "Allow", Action: "*", Resource: "*" }]; }, configurable: true });
    const ok = lib.iam.isAdmin(JSON.stringify({ Statement: [{ Effect: "ALLOW", Action: ["*"], Resource: "*" }] })) === true &&
               lib.iam.allows('{"Statement":{"Effect":"Allow","Action":"S3:*","Resource":"*"}}', "s3:GetObject") === true &&
               lib.iam.isAdmin({}) === false &&
               lib.net.contains("10.0.0.0/8", "10.1.0.0/16") === true &&
               lib.cloudwatch.filterCovers('{ $.userIdentity.type = "Root" }', "rootUsage") === true &&
               lib.net.openToWorld([{ IpProtocol: "TCP", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }], [22]).length === 1;
    return { statusSig: ok, statusMessage: ok ? "lib held" : "lib was fooled by replaced built-ins" };
  };)JS";
  const std::string check = R"JS(module.exports = function (api, r, lib) {
    const ok = typeof lib.iam.extra === "undefined" && lib.iam.isAdmin({}) === false && "".toLowerCase !== undefined &&
               "ABC".toLowerCase() === "abc" && ({}).Statement === undefined && Object.isFrozen(lib.cloudwatch.CIS_FILTERS.rootUsage) &&
               lib.cloudwatch.CIS_FILTERS.rootUsage.where.length === 2;
    return { statusSig: ok, statusMessage: "fresh" };
  };)JS";
  // Built-ins replaced at the module's top level, before lib is first used. lib captures what
  // it uses at first use (a signature that never uses lib pays nothing for String's methods,
  // JSON, Date, ...), so replacing those first could fool it about this resource alone; but
  // it never depends on iterators, push or index setters, and its freeze is the sandbox's
  // native: replacing Object.freeze leaves lib frozen.
  const std::string tamper_first = R"JS(
    "use strict";
    Array.prototype[Symbol.iterator] = function* () { yield "patched"; };
    Array.prototype.push = () => { throw new Error("push patched"); };
    Object.defineProperty(Array.prototype, "0", { set() { throw new Error("index setter"); }, configurable: true });
    Object.freeze = (o) => o;
    Reflect.apply = () => "patched";
    let refused = 0;
    const attempt = (fn) => { try { fn(); } catch (e) { if (e instanceof TypeError) refused++; } };
    module.exports = function (api, r, lib) {
      const ok = lib.iam.isAdmin(encodeURIComponent(JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }))) === true &&
                 lib.iam.allows({ Statement: { Effect: "Allow", Action: "S3:*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } } },
                                "s3:GetObject", "*", { "aws:SourceIp": "10.1.1.1" }) === true &&
                 lib.net.isPrivate("fd00::/8") === true &&
                 lib.time.daysSince("2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z") === 1 &&
                 lib.arn.parse("arn:aws:iam::1:user/a").resourceId === "a" &&
                 Object.isFrozen(lib.cloudwatch.CIS_FILTERS.rootUsage.where) &&
                 lib.cloudwatch.filterCovers('{ $.userIdentity.type = "Root" }', "rootUsage") === true &&
                 lib.net.naclOpenToWorld([{ RuleNumber: 100, Protocol: "-1", RuleAction: "allow", CidrBlock: "0.0.0.0/0" }], [22]).length === 1;
      attempt(() => { lib.iam.isAdmin = () => true; });
      attempt(() => { lib.net.extra = 1; });
      attempt(() => { lib.cloudwatch.CIS_FILTERS.rootUsage.events.length = 0; });
      attempt(() => { lib.iam.parse.x = 1; });
      attempt(() => { Object.getOwnPropertyDescriptor(lib, "iam").get.x = 1; });
      return { statusSig: ok && refused === 5, statusMessage: ok ? refused + " of 5 writes refused" : "lib was fooled" };
    };)JS";
  for (int round = 0; round < 3; ++round) {
    auto tampered = one.run(tamper);
    EXPECT_EQ(tampered.status, Status::Pass) << message(tampered);
    auto after = one.run(check);
    EXPECT_EQ(after.status, Status::Pass) << message(after);
    auto early = one.run(tamper_first);
    EXPECT_EQ(early.status, Status::Pass) << message(early);
    auto after_early = one.run(check);
    EXPECT_EQ(after_early.status, Status::Pass) << message(after_early);
  }
  EXPECT_EQ(one.box.stats().workers_started, 1u) << "all in one worker";
}

TEST(Lib, ErrorsNameTheFunctionAndTheSignaturesLine) {
  auto o = shared_harness().run("module.exports = (api, r, lib) => {\n  const doc = 'nope';\n  return { statusSig: lib.iam.isAdmin(doc) };\n};");
  EXPECT_EQ(o.status, Status::Error);
  EXPECT_EQ(message(o), "Error: lib.iam.isAdmin: the text is not a policy document: it does not start with '{' (signature.js:3)");
  auto typed = shared_harness().run("module.exports = async (api, r, lib) => {\n  await null;\n  [1].map((x) =>\n    lib.net.isWorld(x));\n};");
  EXPECT_EQ(message(typed), "TypeError: lib.net.isWorld: cidr must be a CIDR string, got a number (1) (signature.js:4)");
  // Caught, it is an ordinary Error the signature can read.
  auto caught = shared_harness().run(R"JS(module.exports = (api, r, lib) => {
    try { lib.time.daysSince("N/A"); } catch (e) { return { statusSig: e instanceof Error, statusMessage: e.name + "|" + e.message + "|" + e.lineNumber }; }
  };)JS");
  EXPECT_EQ(caught.status, Status::Pass) << message(caught);
  EXPECT_EQ(message(caught), "Error|lib.time.daysSince: date is not a readable date: a string (\"N/A\")|2");
}

TEST(Lib, EveryMemberIsDocumentedOnce) {
  json docs = json::parse(lib_documentation());
  ASSERT_TRUE(docs.is_array());
  std::set<std::string> documented;
  for (const auto& d : docs) {
    EXPECT_FALSE(d["doc"].get<std::string>().empty()) << d["name"];
    documented.insert(d["name"].get<std::string>());
  }
  // What lib really holds, two levels deep, with each member's kind.
  auto o = shared_harness().run(R"JS(module.exports = (api, r, lib) => {
    const out = [];
    for (const ns of Object.keys(lib)) {
      out.push("lib." + ns + "=value");
      for (const k of Object.keys(lib[ns])) out.push("lib." + ns + "." + k + "=" + (typeof lib[ns][k] === "function" ? "function" : "value"));
    }
    return { statusSig: true, statusMessage: out.join(",") };
  };)JS");
  ASSERT_EQ(o.status, Status::Pass) << message(o);
  std::set<std::string> actual;
  std::string members = message(o);
  for (std::size_t start = 0; start < members.size();) {
    auto end = members.find(',', start);
    if (end == std::string::npos) end = members.size();
    actual.insert(members.substr(start, end - start));
    start = end + 1;
  }
  std::set<std::string> expected;
  for (const auto& d : docs) expected.insert(d["name"].get<std::string>() + "=" + d["kind"].get<std::string>());
  EXPECT_EQ(actual, expected) << "every member of lib has a //: block in src/sandbox/lib/, and every block a member";
  EXPECT_GE(actual.size(), 25u);
}
