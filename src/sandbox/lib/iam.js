// lib.iam: IAM policy documents. A part of lib (see core.js); uses lib.net's CIDRs for
// IpAddress conditions.
(function (S) {
  "use strict";
  const { freeze, objectKeys, createObject, hasOwn, isArray, apply, toLower, indexOfText, sliceText,
    charCodeAt, trimText, jsonParse, decodeUri, dateParse, DateConstructor, dateTime, StringOf, NumberOf,
    fail, failType, own, describe, messageOf, entry, add, listOf, stringsOf, requireString, isObject,
    wildcardMatch, lazy, hasAny, namespace, use } = S;

  const net = () => use("net");

  function parsePolicy(doc) {
    let document = doc;
    if (typeof doc === "string") {
      let text = trimText(doc);
      if (text.length && charCodeAt(text, 0) !== 123) {  // not "{": IAM's URL-encoded form
        try {
          text = trimText(decodeUri(text));
        } catch (e) {
          fail("the text is neither JSON nor URL-encoded JSON (" + messageOf(e) + ")");
        }
      }
      if (!text.length || charCodeAt(text, 0) !== 123) fail("the text is not a policy document: it does not start with '{'");
      try {
        document = jsonParse(text);
      } catch (e) {
        fail("the text is not valid JSON: " + messageOf(e));
      }
    }
    if (!isObject(document)) failType("expected a policy document (an object, JSON text or URL-encoded JSON text), got " + describe(doc));
    const version = own(document, "Version");
    if (version !== undefined && typeof version !== "string") failType("Version is " + describe(version) + ", not a string");
    const raw = own(document, "Statement");
    if (raw !== undefined && raw !== null && !isObject(raw) && !isArray(raw))
      failType("Statement is " + describe(raw) + ", not a statement or a list of statements");
    const statements = listOf(raw, "Statement");
    const out = [];
    for (let i = 0; i < statements.length; i++) add(out, parseStatement(statements[i], "Statement[" + i + "]"));
    return { Version: version === undefined ? null : version, Statement: out };
  }

  function parseStatement(s, where) {
    if (!isObject(s)) failType(where + " is " + describe(s) + ", not a statement object");
    const effect = own(s, "Effect");
    const e = typeof effect === "string" ? toLower(effect) : "";
    if (e !== "allow" && e !== "deny") fail(where + ".Effect must be \"Allow\" or \"Deny\", got " + describe(effect));
    const sid = own(s, "Sid");
    return {
      Sid: sid === undefined ? null : sid,
      Effect: e === "allow" ? "Allow" : "Deny",
      Action: stringsOf(own(s, "Action"), where + ".Action"),
      NotAction: stringsOf(own(s, "NotAction"), where + ".NotAction"),
      Resource: stringsOf(own(s, "Resource"), where + ".Resource"),
      NotResource: stringsOf(own(s, "NotResource"), where + ".NotResource"),
      Principal: parsePrincipal(own(s, "Principal"), where + ".Principal"),
      NotPrincipal: parsePrincipal(own(s, "NotPrincipal"), where + ".NotPrincipal"),
      Condition: parseCondition(own(s, "Condition"), where + ".Condition"),
    };
  }

  // "*" stays "*"; { AWS: "x" } becomes { AWS: ["x"] }; absent, null.
  function parsePrincipal(p, where) {
    if (p === undefined || p === null) return null;
    if (typeof p === "string") {
      if (p !== "*") fail(where + " must be \"*\" or an object such as { \"AWS\": [...] }, got " + describe(p));
      return "*";
    }
    if (!isObject(p)) failType(where + " is " + describe(p) + ", not \"*\" or an object");
    const out = {};
    const types = objectKeys(p);
    for (let i = 0; i < types.length; i++) out[types[i]] = stringsOf(p[types[i]], where + "." + types[i]);
    return out;
  }

  // { operator: { key: [values as strings] } }; absent, {}.
  function parseCondition(c, where) {
    if (c === undefined || c === null) return {};
    if (!isObject(c)) failType(where + " is " + describe(c) + ", not an object");
    const out = {};
    const operators = objectKeys(c);
    for (let i = 0; i < operators.length; i++) {
      const block = c[operators[i]];
      const at = where + "." + operators[i];
      if (!isObject(block)) failType(at + " is " + describe(block) + ", not an object of condition keys");
      const parsed = {};
      const keys = objectKeys(block);
      for (let k = 0; k < keys.length; k++) {
        const values = listOf(block[keys[k]], at + "." + keys[k]);
        for (let v = 0; v < values.length; v++) {
          const t = typeof values[v];
          if (t !== "string" && t !== "number" && t !== "boolean")
            failType(at + "." + keys[k] + " holds " + describe(values[v]) + "; condition values are strings, numbers or booleans");
          values[v] = StringOf(values[v]);
        }
        parsed[keys[k]] = values;
      }
      out[operators[i]] = parsed;
    }
    return out;
  }

  // Condition operators: how one context value compares with one condition value.
  const compareText = (ignoreCase) => (ctx, cond) => (ignoreCase ? toLower(ctx) === toLower(cond) : ctx === cond);
  const likeText = (ignoreCase) => (ctx, cond) => wildcardMatch(cond, ctx, ignoreCase, false);
  const numberOf = (v) => {
    if (typeof v === "number") return v;
    const t = trimText(StringOf(v));
    return t.length ? NumberOf(t) : NaN;
  };
  const dateOf = (v) => {
    if (v instanceof DateConstructor) return dateTime(v);
    if (typeof v === "number") return v * 1000;
    const t = trimText(StringOf(v));
    if (t.length && indexOfText(t, "-") < 0 && indexOfText(t, ":") < 0) return NumberOf(t) * 1000;  // epoch seconds
    return dateParse(t);
  };
  const compareNumbers = (read, test) => (ctx, cond) => {
    const a = read(ctx), b = read(cond);
    return a === a && b === b && test(a, b);  // NaN never matches
  };
  const ipIn = (ctx, cond) => {
    let a, b;
    try {
      a = net().parseCidr(StringOf(ctx), "address");
      b = net().parseCidr(cond, "range");
    } catch (e) {
      return false;
    }
    return net().cidrContains(b, a);
  };
  // ArnEquals and ArnLike compare the six fields one by one, each with wildcards.
  const arnMatch = (ctx, cond) => {
    const a = splitArnFields(StringOf(ctx)), b = splitArnFields(cond);
    if (a === null || b === null) return false;
    for (let i = 0; i < 6; i++) if (!wildcardMatch(b[i], a[i], false, false)) return false;
    return true;
  };
  function splitArnFields(text) {
    const out = [];
    let start = 0;
    for (let k = 0; k < 5; k++) {
      const colon = indexOfText(text, ":", start);
      if (colon < 0) return null;
      add(out, sliceText(text, start, colon));
      start = colon + 1;
    }
    add(out, sliceText(text, start));
    return out;
  }

  // name -> [test(contextValue, conditionValue), negated]
  const operatorTable = lazy(() => {
    const ops = createObject(null);
    const define = (name, test, negated) => (ops[toLower(name)] = [test, negated]);
    for (let c = 0; c < 2; c++) {
      const ic = c === 1, suffix = ic ? "IgnoreCase" : "";
      define("StringEquals" + suffix, compareText(ic), false);
      define("StringNotEquals" + suffix, compareText(ic), true);
      define("StringLike" + suffix, likeText(ic), false);
      define("StringNotLike" + suffix, likeText(ic), true);
    }
    define("ArnEquals", arnMatch, false);
    define("ArnLike", arnMatch, false);
    define("ArnNotEquals", arnMatch, true);
    define("ArnNotLike", arnMatch, true);
    define("Bool", (ctx, cond) => toLower(StringOf(ctx)) === toLower(cond), false);
    define("BinaryEquals", (ctx, cond) => StringOf(ctx) === cond, false);
    define("IpAddress", ipIn, false);
    define("NotIpAddress", ipIn, true);
    const comparisons = [["Equals", (a, b) => a === b, false], ["NotEquals", (a, b) => a === b, true],
      ["LessThan", (a, b) => a < b, false], ["LessThanEquals", (a, b) => a <= b, false],
      ["GreaterThan", (a, b) => a > b, false], ["GreaterThanEquals", (a, b) => a >= b, false]];
    for (let i = 0; i < comparisons.length; i++) {
      const name = comparisons[i][0], test = comparisons[i][1], negated = comparisons[i][2];
      define("Numeric" + name, compareNumbers(numberOf, test), negated);
      define("Date" + name, compareNumbers(dateOf, test), negated);
    }
    return ops;
  });

  // The context's values for `key` (keys compare case-insensitively), or undefined.
  function contextValues(context, key) {
    const k = toLower(key);
    if (!hasOwn(context, k)) return undefined;
    const v = context[k];
    return v === undefined || v === null ? undefined : v;
  }

  // True, false, or null when the condition cannot be decided (a key the context lacks).
  function conditionHolds(condition, context, where) {
    const operators = objectKeys(condition);
    for (let i = 0; i < operators.length; i++) {
      let name = operators[i];
      let set = "";
      const colon = indexOfText(name, ":");
      if (colon >= 0) {
        set = toLower(sliceText(name, 0, colon));
        if (set !== "foranyvalue" && set !== "forallvalues") fail(where + ": unknown condition set operator '" + sliceText(name, 0, colon) + "' in '" + name + "'");
        name = sliceText(name, colon + 1);
      }
      let ifExists = false;
      let lower = toLower(name);
      if (lower.length > 8 && sliceText(lower, lower.length - 8) === "ifexists") {
        ifExists = true;
        lower = sliceText(lower, 0, lower.length - 8);
      }
      const block = condition[operators[i]];
      const keys = objectKeys(block);
      for (let k = 0; k < keys.length; k++) {
        const wanted = block[keys[k]];
        const present = contextValues(context, keys[k]);
        if (lower === "null") {
          // Null: "true" asks for the key to be absent, "false" for it to be present.
          const absent = present === undefined || (isArray(present) && present.length === 0);
          let any = false;
          for (let w = 0; w < wanted.length; w++) if ((toLower(wanted[w]) === "true") === absent) any = true;
          if (!any) return false;
          continue;
        }
        const OPERATORS = operatorTable();
        if (!(lower in OPERATORS)) fail(where + ": unknown condition operator '" + operators[i] + "'");
        if (present === undefined) {
          if (ifExists) continue;  // ...IfExists: a missing key passes
          return null;             // unknown: the statement does not apply either way
        }
        const test = OPERATORS[lower][0], negated = OPERATORS[lower][1];
        const values = isArray(present) ? listOf(present, "context " + keys[k]) : [present];
        // One context value against the condition's values: positive operators need one
        // match, negated ones none.
        const one = (v) => {
          for (let w = 0; w < wanted.length; w++) if (test(v, wanted[w])) return !negated;
          return negated;
        };
        let holds;
        if (set === "forallvalues") {
          holds = true;
          for (let v = 0; v < values.length; v++) if (!one(values[v])) holds = false;
        } else {  // ForAnyValue, and single-valued operators over a list: any value may match
          holds = false;
          for (let v = 0; v < values.length; v++) if (one(values[v])) holds = true;
        }
        if (!holds) return false;
      }
    }
    return true;
  }

  // The context with lower-cased keys (condition keys are case-insensitive).
  function contextOf(context) {
    if (context === undefined || context === null) return createObject(null);
    if (!isObject(context)) failType("context must be an object of condition keys, got " + describe(context));
    const out = createObject(null);
    const keys = objectKeys(context);
    for (let i = 0; i < keys.length; i++) out[toLower(keys[i])] = context[keys[i]];
    return out;
  }

  // Resource patterns may hold policy variables, ${aws:username}; known ones are filled from
  // the context, ${*} ${?} ${$} are the escaped characters, and unknown ones never match.
  function resolveVariables(pattern, context) {
    let start = indexOfText(pattern, "${");
    if (start < 0) return pattern;
    let out = "", at = 0;
    while (start >= 0) {
      const end = indexOfText(pattern, "}", start);
      if (end < 0) break;
      const name = sliceText(pattern, start + 2, end);
      let value;
      if (name === "*" || name === "?" || name === "$") value = name === "*" ? "\u0000*" : name === "?" ? "\u0000?" : "$";
      else {
        const v = contextValues(context, name);
        if (typeof v !== "string") return null;
        value = v;
      }
      out += sliceText(pattern, at, start) + value;
      at = end + 1;
      start = indexOfText(pattern, "${", at);
    }
    return out + sliceText(pattern, at);
  }

  function matchesAny(patterns, text, ignoreCase, context) {
    for (let i = 0; i < patterns.length; i++) {
      const p = context ? resolveVariables(patterns[i], context) : patterns[i];
      if (p === null) continue;
      if (indexOfText(p, "\u0000") >= 0) {  // escaped wildcards compare literally
        let literal = "";
        for (let c = 0; c < p.length; c++) if (charCodeAt(p, c) !== 0) literal += p[c];
        if (literal === text) return true;
      } else if (wildcardMatch(p, text, ignoreCase, false)) return true;
    }
    return false;
  }

  // Does statement `s` (parsed) apply to `action` on `resource` in `context`? null: unknown.
  function statementApplies(s, action, resource, context, where) {
    if (s.Action.length) {
      if (!matchesAny(s.Action, action, true, null)) return false;
    } else if (s.NotAction.length) {
      if (matchesAny(s.NotAction, action, true, null)) return false;
    } else return false;  // a statement with no action grants nothing
    if (s.Resource.length) {
      if (!matchesAny(s.Resource, resource, false, context)) return false;
    } else if (s.NotResource.length) {
      if (matchesAny(s.NotResource, resource, false, context)) return false;
    }
    return conditionHolds(s.Condition, context, where);
  }

  function allows(doc, action, resource, context) {
    const policy = parsePolicy(doc);
    requireString(action, "action");
    if (resource === undefined) resource = "*";
    requireString(resource, "resource");
    const ctx = contextOf(context);
    let allowed = false;
    for (let i = 0; i < policy.Statement.length; i++) {
      const s = policy.Statement[i];
      if (statementApplies(s, action, resource, ctx, "Statement[" + i + "]") !== true) continue;
      if (s.Effect === "Deny") return false;
      allowed = true;
    }
    return allowed;
  }

  function isAdmin(doc) {
    const policy = parsePolicy(doc);
    for (let i = 0; i < policy.Statement.length; i++) {
      const s = policy.Statement[i];
      if (s.Effect === "Allow" && hasAny(s.Action, ["*", "*:*"]) && hasAny(s.Resource, ["*"]) && objectKeys(s.Condition).length === 0)
        return true;
    }
    return false;
  }

  // Condition keys that tie a statement to known principals, sources or networks.
  const RESTRICTING_KEYS = freeze([
    "aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:SourceOrgID", "aws:SourceOrgPaths",
    "aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
    "aws:SourceVpc", "aws:SourceVpce", "aws:SourceIp", "aws:VpcSourceIp", "aws:userid", "aws:username",
    "kms:CallerAccount", "s3:DataAccessPointAccount", "lambda:EventSourceToken",
  ]);
  const restrictingKeys = lazy(() => {
    const keys = createObject(null);
    for (let i = 0; i < RESTRICTING_KEYS.length; i++) keys[toLower(RESTRICTING_KEYS[i])] = true;
    return keys;
  });

  // Does a statement's condition confine it to known principals or networks? Only positive
  // operators without IfExists (a request lacking the key would pass them) and values other
  // than "*" (or, for addresses, the whole world) restrict.
  function conditionRestricts(condition) {
    const operators = objectKeys(condition);
    for (let i = 0; i < operators.length; i++) {
      const name = toLower(operators[i]);
      if (indexOfText(name, "forallvalues:") === 0 || sliceText(name, name.length - 8) === "ifexists") continue;
      const op = indexOfText(name, ":") >= 0 ? sliceText(name, indexOfText(name, ":") + 1) : name;
      const OPERATORS = operatorTable();
      if (!(op in OPERATORS) || OPERATORS[op][1]) continue;  // negated: everyone else passes
      const block = condition[operators[i]];
      const keys = objectKeys(block);
      for (let k = 0; k < keys.length; k++) {
        const key = toLower(keys[k]);
        if (!restrictingKeys()[key]) continue;
        const values = block[keys[k]];
        let narrow = values.length > 0;
        for (let v = 0; v < values.length; v++) {
          if (values[v] === "*") narrow = false;
          if ((key === "aws:sourceip" || key === "aws:vpcsourceip")) {
            try {
              if (net().isWorldCidr(net().parseCidr(values[v], "aws:SourceIp"))) narrow = false;
            } catch (e) {
              narrow = false;
            }
          }
        }
        if (narrow) return true;
      }
    }
    return false;
  }

  function everyone(principal) {
    if (principal === "*") return true;
    if (principal === null) return false;
    return hasAny(listOf(own(principal, "AWS")), ["*"]) || hasAny(listOf(own(principal, "CanonicalUser")), ["*"]);
  }

  function publicStatements(doc) {
    const policy = parsePolicy(doc);
    const out = [];
    for (let i = 0; i < policy.Statement.length; i++) {
      const s = policy.Statement[i];
      if (s.Effect !== "Allow") continue;
      const toAll = everyone(s.Principal) || s.NotPrincipal !== null;  // Allow + NotPrincipal: all but a few
      if (toAll && !conditionRestricts(s.Condition)) add(out, s);
    }
    return out;
  }

  function principals(doc) {
    const policy = parsePolicy(doc);
    const out = [], seen = createObject(null);
    const note = (type, value) => {
      const key = type + "\n" + value;
      if (seen[key]) return;
      seen[key] = true;
      add(out, { type, value });
    };
    for (let i = 0; i < policy.Statement.length; i++) {
      const s = policy.Statement[i];
      if (s.Effect !== "Allow" || s.Principal === null) continue;
      if (s.Principal === "*") {
        note("AWS", "*");
        continue;
      }
      const types = objectKeys(s.Principal);
      for (let t = 0; t < types.length; t++) {
        const values = s.Principal[types[t]];
        for (let v = 0; v < values.length; v++) note(types[t], values[v]);
      }
    }
    return out;
  }

  const iam = {
    //: lib.iam.parse(doc) -> { Version, Statement: [{ Sid, Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal, Condition }] }
    //: A policy document (object, JSON text, or the URL-encoded JSON IAM returns) with every list an array, Condition as { operator: { key: [strings] } }, absent parts null or empty; throws on anything that is not a policy.
    //: e.g. lib.iam.parse(version.Document).Statement.filter((s) => s.Effect === "Allow")
    parse: entry("iam.parse", parsePolicy),

    //: lib.iam.allows(doc, action, resource = "*", context = {}) -> boolean
    //: True when an Allow statement matches and no Deny does: actions case-insensitive with * and ?, resources with wildcards, NotAction/NotResource, conditions checked against `context`. A condition on a key `context` lacks makes its statement not apply, Allow or Deny (IfExists and Null excepted). Principals are not considered.
    //: e.g. lib.iam.allows(doc, "s3:GetObject", "arn:aws:s3:::logs/*", { "aws:SourceIp": "203.0.113.9" })
    allows: entry("iam.allows", function (doc, action, resource, context) {
      return allows(doc, action, resource, context);
    }),

    //: lib.iam.isAdmin(doc) -> boolean
    //: True when a statement allows "*" (or "*:*") on "*" with no condition.
    //: e.g. lib.iam.isAdmin(version.Document)
    isAdmin: entry("iam.isAdmin", isAdmin),

    //: lib.iam.publicStatements(doc) -> [statement]
    //: The Allow statements of a resource policy open to everyone ("*", { AWS: "*" }, { CanonicalUser: "*" }, or NotPrincipal) that no condition confines to known accounts, organizations, sources or networks (lib.iam.RESTRICTING_KEYS).
    //: e.g. lib.iam.publicStatements(JSON.parse(answer.Policy)).map((s) => s.Sid)
    publicStatements: entry("iam.publicStatements", publicStatements),

    //: lib.iam.isPublic(doc) -> boolean
    //: True when lib.iam.publicStatements finds at least one statement.
    //: e.g. lib.iam.isPublic(answer.Policy)
    isPublic: entry("iam.isPublic", (doc) => publicStatements(doc).length > 0),

    //: lib.iam.principals(doc) -> [{ type, value }]
    //: Every principal the Allow statements name, once each; type is "AWS", "Service", "Federated" or "CanonicalUser" ("*" is { type: "AWS", value: "*" }).
    //: e.g. lib.iam.principals(role.AssumeRolePolicyDocument).filter((p) => p.type === "AWS")
    principals: entry("iam.principals", principals),

    //: lib.iam.RESTRICTING_KEYS
    //: The condition keys that keep an everyone-principal statement from counting as public.
    RESTRICTING_KEYS,
  };

  return { api: namespace(iam) };
});
