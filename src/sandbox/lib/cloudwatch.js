// lib.cloudwatch: CloudWatch metric filters for the CIS AWS Foundations monitoring controls.
// A part of lib (see core.js); uses lib.arn.
(function (S) {
  "use strict";
  const { objectKeys, hasOwn, toLower, indexOfText, sliceText, charCodeAt, trimText, MAX_PATTERN, fail,
    failType, own, Failure, describe, entry, add, listOf, requireString, requireArray, isObject,
    wildcardMatch, deepFreeze, lazy, hasAny, namespace, use, rethrown } = S;

  const arn = () => use("arn");

  // Each requirement: what its metric filter must match. An event the requirement names
  // (one of `events` by eventName, or one of `match`), from `eventSource` if given, and
  // meeting every `where` condition, must be counted by the filter. A filter that counts
  // more (fewer conditions, extra alternatives) still covers it.
  const cisFilters = lazy(() => {
    const CIS_FILTERS = {
      unauthorizedApiCalls: {
        title: "Unauthorized API calls",
        cis: { "3.0": "4.1", "5.0": "4.1", "6.0": "5.1", "7.0": "5.1" },
        match: [["$.errorCode", "=", "*UnauthorizedOperation"], ["$.errorCode", "=", "AccessDenied*"]],
        where: [["$.sourceIPAddress", "!=", "delivery.logs.amazonaws.com"], ["$.eventName", "!=", "HeadBucket"]],
      },
      consoleSignInWithoutMfa: {
        title: "Management console sign-in without MFA",
        cis: { "3.0": "4.2", "5.0": "4.2", "6.0": "5.2", "7.0": "5.2" },
        events: ["ConsoleLogin"],
        where: [["$.additionalEventData.MFAUsed", "!=", "Yes"], ["$.userIdentity.type", "=", "IAMUser"],
          ["$.responseElements.ConsoleLogin", "=", "Success"]],
      },
      rootUsage: {
        title: "Use of the root user",
        cis: { "3.0": "4.3", "5.0": "4.3", "6.0": "5.3", "7.0": "5.3" },
        match: [["$.userIdentity.type", "=", "Root"]],
        where: [["$.userIdentity.invokedBy", "NOT EXISTS", null], ["$.eventType", "!=", "AwsServiceEvent"]],
      },
      iamPolicyChanges: {
        title: "IAM policy changes",
        cis: { "3.0": "4.4", "5.0": "4.4", "6.0": "5.4", "7.0": "5.4" },
        events: ["DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy",
          "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
          "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"],
      },
      cloudTrailChanges: {
        title: "CloudTrail configuration changes",
        cis: { "3.0": "4.5", "5.0": "4.5", "6.0": "5.5", "7.0": "5.5" },
        events: ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"],
      },
      consoleAuthFailures: {
        title: "Management console authentication failures",
        cis: { "3.0": "4.6", "5.0": "4.6", "6.0": "5.6", "7.0": "5.6" },
        events: ["ConsoleLogin"],
        where: [["$.errorMessage", "=", "Failed authentication"]],
      },
      cmkDisableOrDeletion: {
        title: "Disabling or scheduled deletion of customer managed KMS keys",
        cis: { "3.0": "4.7", "5.0": "4.7", "6.0": "5.7", "7.0": "5.7" },
        eventSource: "kms.amazonaws.com",
        events: ["DisableKey", "ScheduleKeyDeletion"],
      },
      s3BucketPolicyChanges: {
        title: "S3 bucket policy changes",
        cis: { "3.0": "4.8", "5.0": "4.8", "6.0": "5.8", "7.0": "5.8" },
        eventSource: "s3.amazonaws.com",
        events: ["PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
          "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"],
      },
      configChanges: {
        title: "AWS Config configuration changes",
        cis: { "3.0": "4.9", "5.0": "4.9", "6.0": "5.9", "7.0": "5.9" },
        eventSource: "config.amazonaws.com",
        events: ["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"],
      },
      securityGroupChanges: {
        title: "Security group changes",
        cis: { "3.0": "4.10", "5.0": "4.10", "6.0": "5.10", "7.0": "5.10" },
        events: ["AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
          "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"],
      },
      naclChanges: {
        title: "Network ACL changes",
        cis: { "3.0": "4.11", "5.0": "4.11", "6.0": "5.11", "7.0": "5.11" },
        events: ["CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
          "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"],
      },
      networkGatewayChanges: {
        title: "Network gateway changes",
        cis: { "3.0": "4.12", "5.0": "4.12", "6.0": "5.12", "7.0": "5.12" },
        events: ["CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
          "DeleteInternetGateway", "DetachInternetGateway"],
      },
      routeTableChanges: {
        title: "Route table changes",
        cis: { "3.0": "4.13", "5.0": "4.13", "6.0": "5.13", "7.0": "5.13" },
        eventSource: "ec2.amazonaws.com",
        events: ["CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable",
          "DeleteRoute", "DisassociateRouteTable"],
      },
      vpcChanges: {
        title: "VPC changes",
        cis: { "3.0": "4.14", "5.0": "4.14", "6.0": "5.14", "7.0": "5.14" },
        events: ["CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection",
          "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc",
          "DisableVpcClassicLink", "EnableVpcClassicLink"],
      },
      organizationsChanges: {
        title: "AWS Organizations changes",
        cis: { "3.0": "4.15", "5.0": "4.15", "6.0": "5.15", "7.0": "5.15" },
        eventSource: "organizations.amazonaws.com",
        events: ["AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
          "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy",
          "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
          "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"],
      },
    };
    // Each requirement also carries the pattern Signet recommends, derived from its data.
    const names = objectKeys(CIS_FILTERS);
    for (let i = 0; i < names.length; i++) CIS_FILTERS[names[i]].pattern = recommendedPattern(CIS_FILTERS[names[i]]);
    return deepFreeze(CIS_FILTERS);
  });

  // A requirement as alternatives, each a list of atoms { selector, op, value } that an event
  // it names satisfies together.
  function requirementClauses(req) {
    const alternatives = [];
    const events = listOf(own(req, "events")), match = listOf(own(req, "match")), where = listOf(own(req, "where"));
    const source = own(req, "eventSource");
    for (let i = 0; i < events.length; i++) add(alternatives, { selector: "$.eventName", op: "=", value: events[i] });
    for (let i = 0; i < match.length; i++) add(alternatives, { selector: match[i][0], op: match[i][1], value: match[i][2] });
    const clauses = [];
    for (let i = 0; i < alternatives.length; i++) {
      const clause = [alternatives[i]];
      if (source) add(clause, { selector: "$.eventSource", op: "=", value: source });
      for (let k = 0; k < where.length; k++) add(clause, { selector: where[k][0], op: where[k][1], value: where[k][2] });
      add(clauses, clause);
    }
    return clauses;
  }

  // The pattern Signet recommends for a requirement: exactly what it needs.
  function recommendedPattern(req) {
    const term = (a) => "(" + a.selector + (a.op === "NOT EXISTS" ? " NOT EXISTS" : " " + a.op + ' "' + a.value + '"') + ")";
    const clauses = requirementClauses(req);
    let alternatives = "";
    for (let i = 0; i < clauses.length; i++) alternatives += (i ? " || " : "") + term(clauses[i][0]);
    let shared = "";
    for (let i = 1; i < clauses[0].length; i++) shared += " && " + term(clauses[0][i]);
    return "{ " + (shared && clauses.length > 1 ? "(" + alternatives + ")" : alternatives) + shared + " }";
  }

  // Filter patterns: "{ $.a = x && ($.b != "y" || $.c NOT EXISTS) }" -> alternatives of atoms.
  function tokenize(text) {
    const tokens = [];
    let i = 0;
    const n = text.length;
    const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13;
    const isWordEnd = (c) => isSpace(c) || c === 40 || c === 41 || c === 123 || c === 125 || c === 61 || c === 33 ||
      c === 60 || c === 62 || c === 38 || c === 124 || c === 34;
    while (i < n) {
      const c = charCodeAt(text, i);
      if (isSpace(c)) {
        i++;
      } else if (c === 34) {  // "quoted", with \" inside
        let value = "";
        i++;
        while (i < n && charCodeAt(text, i) !== 34) {
          if (charCodeAt(text, i) === 92 && i + 1 < n) i++;
          value += text[i++];
        }
        if (i >= n) fail("the pattern has an unterminated quoted value");
        i++;
        add(tokens, { kind: "value", text: value });
      } else if (c === 123 || c === 125 || c === 40 || c === 41) {
        add(tokens, { kind: text[i] });
        i++;
      } else {
        const two = sliceText(text, i, i + 2);
        if (two === "&&" || two === "||" || two === "!=" || two === "<=" || two === ">=") {
          add(tokens, { kind: two });
          i += 2;
        } else if (c === 61 || c === 60 || c === 62) {
          add(tokens, { kind: text[i] });
          i++;
        } else {
          const start = i;
          while (i < n && !isWordEnd(charCodeAt(text, i))) i++;
          if (i === start) fail("unexpected '" + text[i] + "' in the pattern");
          add(tokens, { kind: "value", text: sliceText(text, start, i) });
        }
      }
    }
    return tokens;
  }

  const MAX_CLAUSES = 4096;

  // Parses a JSON metric filter pattern into alternatives (disjunctive normal form).
  function filterClauses(pattern) {
    const tokens = tokenize(pattern);
    let at = 0;
    const peek = () => (at < tokens.length ? tokens[at] : { kind: "end" });
    const expect = (kind) => {
      if (peek().kind !== kind) fail("expected '" + kind + "' in the pattern, found '" + (peek().text || peek().kind) + "'");
      at++;
    };
    const orOf = (a, b) => {
      const out = [];
      for (let i = 0; i < a.length; i++) add(out, a[i]);
      for (let i = 0; i < b.length; i++) add(out, b[i]);
      if (out.length > MAX_CLAUSES) fail("the pattern has too many alternatives to analyse");
      return out;
    };
    const andOf = (a, b) => {
      if (a.length * b.length > MAX_CLAUSES) fail("the pattern has too many alternatives to analyse");
      const out = [];
      for (let i = 0; i < a.length; i++)
        for (let k = 0; k < b.length; k++) {
          const clause = [];
          for (let x = 0; x < a[i].length; x++) add(clause, a[i][x]);
          for (let x = 0; x < b[k].length; x++) add(clause, b[k][x]);
          add(out, clause);
        }
      return out;
    };
    let depth = 0;
    function disjunction() {
      let result = conjunction();
      while (peek().kind === "||") {
        at++;
        result = orOf(result, conjunction());
      }
      return result;
    }
    function conjunction() {
      let result = primary();
      while (peek().kind === "&&") {
        at++;
        result = andOf(result, primary());
      }
      return result;
    }
    function primary() {
      if (peek().kind === "(") {
        if (++depth > 64) fail("the pattern nests parentheses too deeply");
        at++;
        const inner = disjunction();
        expect(")");
        depth--;
        return inner;
      }
      const selector = peek();
      if (selector.kind !== "value" || sliceText(selector.text, 0, 1) !== "$") fail("expected a $.field selector in the pattern, found '" + (selector.text || selector.kind) + "'");
      at++;
      const next = peek();
      if (next.kind === "value" && (next.text === "NOT" || next.text === "IS")) {
        at++;
        const word = peek();
        if (word.kind !== "value") fail("expected EXISTS, NULL, TRUE or FALSE after " + next.text);
        at++;
        const op = next.text + " " + word.text;  // NOT EXISTS, IS NULL, IS TRUE, IS FALSE
        return [[{ selector: selector.text, op, value: null }]];
      }
      const op = next.kind;
      if (op !== "=" && op !== "!=" && op !== "<" && op !== ">" && op !== "<=" && op !== ">=") fail("expected a comparison after " + selector.text);
      at++;
      const value = peek();
      if (value.kind !== "value") fail("expected a value after " + selector.text + " " + op);
      at++;
      return [[{ selector: selector.text, op, value: value.text }]];
    }
    expect("{");
    const clauses = disjunction();
    expect("}");
    if (peek().kind !== "end") fail("unexpected text after the closing '}' of the pattern");
    return clauses;
  }

  // Does requirement atom `r` guarantee filter atom `f` (every event meeting r meets f)?
  function implies(r, f) {
    if (r.selector !== f.selector) return false;
    if (r.op === "=" && f.op === "=") return wildcardMatch(f.value, r.value, false, true);
    if (r.op === "!=" && f.op === "!=") return wildcardMatch(r.value, f.value, false, true);
    if (r.op === "=" && f.op === "!=")
      return indexOfText(r.value, "*") < 0 && !wildcardMatch(f.value, r.value, false, false);
    return r.op === f.op && r.value === f.value;
  }

  // Every alternative of the requirement lies inside some alternative of the filter.
  function covers(filter, required) {
    for (let i = 0; i < required.length; i++) {
      let inside = false;
      for (let j = 0; j < filter.length && !inside; j++) {
        let all = true;
        for (let a = 0; a < filter[j].length && all; a++) {
          let guaranteed = false;
          for (let b = 0; b < required[i].length && !guaranteed; b++) guaranteed = implies(required[i][b], filter[j][a]);
          all = guaranteed;
        }
        inside = all;
      }
      if (!inside) return false;
    }
    return true;
  }

  function requirementNamed(name) {
    requireString(name, "name");
    const CIS_FILTERS = cisFilters();
    if (!hasOwn(CIS_FILTERS, name)) {
      const names = objectKeys(CIS_FILTERS);
      let known = "";
      for (let i = 0; i < names.length; i++) known += (i ? ", " : "") + names[i];
      fail("unknown requirement '" + name + "' (known: " + known + ")");
    }
    return CIS_FILTERS[name];
  }

  function filterCovers(filterPattern, name) {
    const req = requirementNamed(name);
    requireString(filterPattern, "filterPattern");
    if (filterPattern.length > MAX_PATTERN) fail("filterPattern is " + filterPattern.length + " characters; lib reads at most " + MAX_PATTERN);
    const text = trimText(filterPattern);
    if (charCodeAt(text, 0) !== 123) return false;  // only JSON patterns "{ ... }" can name events
    let clauses;
    try {
      clauses = filterClauses(text);
    } catch (e) {
      if (e instanceof Failure) return false;  // not a pattern lib can read: it covers nothing
      throw e;
    }
    return covers(clauses, requirementClauses(req));
  }

  const logGroupNameOf = (value) => {
    if (typeof value !== "string") return null;
    const parsed = arn().parseArn(value);
    if (parsed === null) return value;
    const name = parsed.resourceType === "log-group" ? parsed.resourceId : null;
    if (name === null) return null;
    return sliceText(name, name.length - 2) === ":*" ? sliceText(name, 0, name.length - 2) : name;
  };

  // Whether requirement `name` is met by what a signature fetched: a multi-region trail
  // (logging and recording management events, when `status` and `eventSelectors` are
  // given) sending to a log group with a covering metric filter, whose metric has an alarm
  // that notifies an SNS topic with a confirmed subscription (when `subscriptions` are given).
  function monitoring(name, fetched) {
    const req = requirementNamed(name);
    if (!isObject(fetched)) failType("expected { trails, metricFilters, alarms, subscriptions }, got " + describe(fetched));
    const trails = requireArray(fetched.trails === undefined ? [] : fetched.trails, "trails");
    const filters = requireArray(fetched.metricFilters === undefined ? [] : fetched.metricFilters, "metricFilters");
    const alarms = requireArray(fetched.alarms === undefined ? [] : fetched.alarms, "alarms");
    const subscriptions = fetched.subscriptions === undefined ? null : requireArray(fetched.subscriptions, "subscriptions");
    const verdict = (met, message, extra) => {
      const out = { met, message, requirement: name, trail: null, filter: null, alarm: null };
      if (extra) {
        const k = objectKeys(extra);
        for (let i = 0; i < k.length; i++) out[k[i]] = extra[k[i]];
      }
      return out;
    };

    // Trails that count: multi-region, logging, all management events, sending to CloudWatch Logs.
    const groups = [];
    let whyNot = "no trail sends its events to CloudWatch Logs";
    for (let i = 0; i < trails.length; i++) {
      const t = trails[i];
      if (!isObject(t)) failType("trails[" + i + "] is " + describe(t) + ", not a trail");
      const group = logGroupNameOf(t.CloudWatchLogsLogGroupArn);
      if (!group) continue;
      if (t.IsMultiRegionTrail !== true) {
        whyNot = "trail " + t.Name + " sends to CloudWatch Logs but is not multi-region";
        continue;
      }
      const status = t.status;
      if (isObject(status) && status.IsLogging === false) {
        whyNot = "trail " + t.Name + " is not logging";
        continue;
      }
      if (t.eventSelectors !== undefined && !recordsManagementEvents(t.eventSelectors)) {
        whyNot = "trail " + t.Name + " does not record all management events";
        continue;
      }
      add(groups, { trail: t, group });
    }
    if (groups.length === 0) return verdict(false, "No multi-region trail sends its events to CloudWatch Logs (" + whyNot + ")");

    let best = null;  // the furthest a trail got, for the message
    for (let g = 0; g < groups.length; g++) {
      const { trail, group } = groups[g];
      for (let i = 0; i < filters.length; i++) {
        const f = filters[i];
        if (!isObject(f) || (f.logGroupName !== undefined && f.logGroupName !== group)) continue;
        if (typeof f.filterPattern !== "string" || !filterCovers(f.filterPattern, name)) continue;
        const transformations = listOf(f.metricTransformations, "metricTransformations");
        for (let t = 0; t < transformations.length; t++) {
          const m = transformations[t];
          if (!isObject(m)) continue;
          for (let a = 0; a < alarms.length; a++) {
            const alarm = alarms[a];
            if (!isObject(alarm) || alarm.MetricName !== m.metricName || alarm.Namespace !== m.metricNamespace) continue;
            const actions = listOf(alarm.AlarmActions, "AlarmActions");
            let notified = false;
            for (let x = 0; x < actions.length && !notified; x++) {
              const topic = actions[x];
              if (typeof topic !== "string" || indexOfText(topic, ":sns:") < 0) continue;
              if (subscriptions === null) notified = true;
              else
                for (let s = 0; s < subscriptions.length && !notified; s++) {
                  const sub = subscriptions[s];
                  notified = isObject(sub) && sub.TopicArn === topic && arn().parseArn(sub.SubscriptionArn) !== null;
                }
            }
            const found = { trail, filter: f, alarm };
            if (notified) return verdict(true, "Metric filter " + f.filterName + " on " + group + " counts " + toLower(req.title) + "; alarm " + alarm.AlarmName + " notifies SNS", found);
            best = { level: 3, found, message: "Alarm " + alarm.AlarmName + " on metric filter " + f.filterName + " notifies no SNS topic" + (subscriptions === null ? "" : " with a confirmed subscription") };
          }
          if (!best || best.level < 2) best = { level: 2, found: { trail, filter: f }, message: "Metric filter " + f.filterName + " on " + group + " has no alarm on its metric " + m.metricName };
        }
      }
      if (!best) best = { level: 1, found: { trail }, message: "No metric filter on " + group + " counts " + toLower(req.title) };
    }
    return verdict(false, best.message, best.found);
  }

  // CIS: a trail records management events, reads and writes, when a classic selector has
  // IncludeManagementEvents and ReadWriteType All, or an advanced selector selects the
  // Management category without narrowing it.
  function recordsManagementEvents(selectors) {
    const s = isObject(selectors) ? selectors : { EventSelectors: selectors };
    const classic = listOf(s.EventSelectors, "EventSelectors");
    for (let i = 0; i < classic.length; i++) {
      const e = classic[i];
      if (isObject(e) && e.IncludeManagementEvents === true && e.ReadWriteType === "All") return true;
    }
    const advanced = listOf(s.AdvancedEventSelectors, "AdvancedEventSelectors");
    for (let i = 0; i < advanced.length; i++) {
      const fields = listOf(own(advanced[i], "FieldSelectors"), "FieldSelectors");
      let management = false, narrowed = false;
      for (let k = 0; k < fields.length; k++) {
        const f = fields[k];
        if (!isObject(f)) continue;
        if (f.Field === "eventCategory" && hasAny(listOf(f.Equals), ["Management"])) management = true;
        else if (f.Field === "readOnly") narrowed = true;
      }
      if (management && !narrowed) return true;
    }
    return false;
  }

  // What monitoring() judges for one trail, fetched with the signature's own apiCaller. Checks
  // its arguments now; the calls run in the promise it returns, and a cloud error there is
  // thrown as an Error naming the call.
  function fetchMonitoring(apiCaller, resource, name) {
    if (typeof apiCaller !== "function") failType("expected the signature's apiCaller, got " + describe(apiCaller));
    if (!isObject(resource)) failType("expected the resource, got " + describe(resource));
    requirementNamed(name);
    return fetchFor(apiCaller, resource, name);
  }

  async function fetchFor(apiCaller, resource, name) {
    try {
      return await gather(apiCaller, resource, name);
    } catch (thrown) {
      throw rethrown("lib.cloudwatch.fetchMonitoring", thrown);
    }
  }

  async function gather(apiCaller, resource, name) {
    const answer = async (request) => {
      const res = await apiCaller(request);
      const { apiResponse, error } = res[0][0];
      if (error) fail(request.service + " " + request.endpoint + ": " + error.code + ": " + error.message);
      return apiResponse;
    };
    // resource.data is the trail as DescribeTrails listed it; describe it when it is not.
    let trail = resource.data;
    if (!isObject(trail) || typeof trail.TrailARN !== "string") {
      const listed = await answer({ service: "CloudTrail", endpoint: "describeTrails", params: { trailNameList: [resource.arn] } });
      const trails = listOf(isObject(listed) ? listed.trailList : undefined, "trailList");
      trail = {};
      for (let i = 0; i < trails.length; i++) if (isObject(trails[i]) && trails[i].TrailARN === resource.arn) trail = trails[i];
    }
    const fetched = { trails: [trail], metricFilters: [], alarms: [], subscriptions: [] };
    const group = arn().parseArn(trail.CloudWatchLogsLogGroupArn);
    const groupName = logGroupNameOf(trail.CloudWatchLogsLogGroupArn);
    if (group === null || groupName === null) return fetched;
    // Alarms and subscriptions are asked for only when a filter covers the requirement.
    const serviceParams = { region: [group.region] };
    fetched.metricFilters = await answer({ service: "CloudWatchLogs", endpoint: "describeMetricFilters", serviceParams, params: { logGroupName: groupName } });
    let covered = false;
    const filters = listOf(fetched.metricFilters, "metricFilters");
    for (let i = 0; i < filters.length && !covered; i++)
      covered = isObject(filters[i]) && typeof filters[i].filterPattern === "string" && filterCovers(filters[i].filterPattern, name);
    if (!covered) return fetched;
    const alarms = await answer({ service: "CloudWatch", endpoint: "describeAlarms", serviceParams });
    fetched.alarms = listOf(isObject(alarms) ? alarms.MetricAlarms : undefined, "MetricAlarms");
    let notifying = false;
    for (let i = 0; i < fetched.alarms.length && !notifying; i++)
      notifying = isObject(fetched.alarms[i]) && listOf(fetched.alarms[i].AlarmActions, "AlarmActions").length > 0;
    if (notifying) fetched.subscriptions = await answer({ service: "SNS", endpoint: "listSubscriptions", serviceParams });
    return fetched;
  }

  const cloudwatch = {
    //: lib.cloudwatch.CIS_FILTERS
    //: The CIS AWS Foundations monitoring requirements by stable name (unauthorizedApiCalls, consoleSignInWithoutMfa, rootUsage, iamPolicyChanges, cloudTrailChanges, consoleAuthFailures, cmkDisableOrDeletion, s3BucketPolicyChanges, configChanges, securityGroupChanges, naclChanges, networkGatewayChanges, routeTableChanges, vpcChanges, organizationsChanges): title, CIS control per version, events, eventSource, extra conditions, and a recommended pattern.
    //: e.g. lib.cloudwatch.CIS_FILTERS.rootUsage.pattern
    get CIS_FILTERS() {
      return cisFilters();
    },

    //: lib.cloudwatch.filterCovers(filterPattern, name) -> boolean
    //: True when a metric filter's JSON pattern counts every event requirement `name` needs (whitespace, order and quoting do not matter; extra alternatives are fine; a pattern lib cannot read covers nothing).
    //: e.g. lib.cloudwatch.filterCovers(filter.filterPattern, "iamPolicyChanges")
    filterCovers: entry("cloudwatch.filterCovers", filterCovers),

    //: lib.cloudwatch.monitoring(name, { trails, metricFilters, alarms, subscriptions }) -> { met, message, requirement, trail, filter, alarm }
    //: Whether requirement `name` is met by what the signature fetched: a multi-region trail (logging, with all management events, when trails carry `status` from GetTrailStatus and `eventSelectors` from GetEventSelectors) sending to a log group whose metric filter covers it, with an alarm on the filter's metric notifying an SNS topic that has a confirmed subscription (checked when `subscriptions` are given).
    //: e.g. lib.cloudwatch.monitoring("rootUsage", { trails: [trail], metricFilters, alarms, subscriptions }).met
    monitoring: entry("cloudwatch.monitoring", monitoring),

    //: lib.cloudwatch.fetchMonitoring(apiCaller, resource, name) -> Promise<{ trails, metricFilters, alarms, subscriptions }>
    //: What monitoring() needs for requirement `name` on one trail (`resource`, a CloudTrail trail), fetched with the signature's own apiCaller: the trail (its listing's data, else DescribeTrails), its log group's metric filters, and only when a filter covers the requirement the region's alarms, and SNS subscriptions when an alarm has actions. A cloud error rejects the promise with an Error naming the call.
    //: e.g. lib.cloudwatch.monitoring("rootUsage", await lib.cloudwatch.fetchMonitoring(apiCaller, resource, "rootUsage")).met
    //: calls: CloudTrail.describeTrails CloudWatchLogs.describeMetricFilters CloudWatch.describeAlarms SNS.listSubscriptions
    fetchMonitoring: entry("cloudwatch.fetchMonitoring", fetchMonitoring),
  };

  return { api: namespace(cloudwatch) };
});
