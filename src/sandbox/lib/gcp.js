// lib.gcp: what Google Cloud signatures keep needing: who an IAM policy (or a BigQuery
// dataset's access list) lets in, the firewall rules that open ports to the Internet, and the
// CIS log metrics with an alert on them. A part of lib (see core.js); uses lib.net's CIDR parser.
(function (S) {
  "use strict";
  const { freeze, fail, failType, describe, entry, add, listOf, requireString, isObject, namespace, toLower, StringOf, own, isArray,
    charCodeAt, sliceText, indexOfText, lastIndexOfText, isInteger, NumberOf, rethrown, use } = S;

  const net = () => use("net");
  const PUBLIC = freeze(["allUsers", "allAuthenticatedUsers"]);
  const isPublic = (member) => member === "allUsers" || member === "allAuthenticatedUsers";

  // [{ role, member, condition }] of a policy's bindings (IAM's getIamPolicy answer).
  function bindings(policy) {
    if (policy === undefined || policy === null) return [];
    if (!isObject(policy)) failType("expected an IAM policy ({ bindings: [...] }), got " + describe(policy));
    const out = [];
    const list = listOf(own(policy, "bindings"), "policy.bindings");
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      if (!isObject(b)) failType("policy.bindings[" + i + "] is " + describe(b) + ", not a binding");
      const members = listOf(own(b, "members"), "policy.bindings[" + i + "].members");
      for (let k = 0; k < members.length; k++)
        add(out, { role: StringOf(own(b, "role")), member: StringOf(members[k]), condition: own(b, "condition") === undefined ? null : own(b, "condition") });
    }
    return out;
  }

  // The grants to everyone: an IAM policy's bindings of allUsers or allAuthenticatedUsers, or
  // a BigQuery dataset's access entries (specialGroup allAuthenticatedUsers, iamMember allUsers).
  function publicMembers(policyOrAccess) {
    if (isArray(policyOrAccess)) {
      const out = [];
      for (let i = 0; i < policyOrAccess.length; i++) {
        const a = policyOrAccess[i];
        if (!isObject(a)) failType("access[" + i + "] is " + describe(a) + ", not an access entry");
        const who = own(a, "specialGroup") !== undefined ? StringOf(own(a, "specialGroup")) : StringOf(own(a, "iamMember"));
        if (isPublic(who)) add(out, { role: StringOf(own(a, "role")), member: who });
      }
      return out;
    }
    const out = [];
    const all = bindings(policyOrAccess);
    for (let i = 0; i < all.length; i++) if (isPublic(all[i].member)) add(out, { role: all[i].role, member: all[i].member });
    return out;
  }

  // [[from, to]] of a firewall's port texts ("22", "1000-2000"); none given: every port.
  function portsOf(texts, where) {
    if (texts === undefined) return [[0, 65535]];
    const list = listOf(texts, where);
    const out = [];
    for (let i = 0; i < list.length; i++) {
      const t = StringOf(list[i]);
      const dash = indexOfText(t, "-");
      const from = NumberOf(dash < 0 ? t : sliceText(t, 0, dash)), to = NumberOf(dash < 0 ? t : sliceText(t, dash + 1));
      if (!isInteger(from) || !isInteger(to) || from < 0 || to > 65535 || from > to) fail(where + "[" + i + "] '" + t + "' is not a port or range");
      add(out, [from, to]);
    }
    return out;
  }

  function wantedPorts(ports) {
    if (ports === undefined || ports === null) return [];
    const list = listOf(ports, "ports");
    const out = [];
    for (let i = 0; i < list.length; i++) {
      if (!isInteger(list[i]) || list[i] < 0 || list[i] > 65535) failType("ports[" + i + "] must be a port number, got " + describe(list[i]));
      add(out, list[i]);
    }
    return out;
  }

  // The `allowed` entries of an enabled INGRESS firewall rule whose sources include the whole
  // Internet (0.0.0.0/0 or ::/0) and that open any of `ports` (none: any port) over TCP, UDP
  // or every protocol.
  function firewallOpenToInternet(firewall, ports) {
    if (!isObject(firewall)) failType("expected a firewall rule (as compute firewalls.list gives it), got " + describe(firewall));
    const wanted = wantedPorts(ports);
    const direction = own(firewall, "direction");
    if ((direction !== undefined && StringOf(direction) !== "INGRESS") || own(firewall, "disabled") === true) return [];
    const sources = listOf(own(firewall, "sourceRanges"), "firewall.sourceRanges");
    let world = false;
    for (let i = 0; i < sources.length; i++)
      if (net().isWorldCidr(net().parseCidr(sources[i], "firewall.sourceRanges[" + i + "]"))) world = true;
    if (!world) return [];
    const out = [];
    const allowed = listOf(own(firewall, "allowed"), "firewall.allowed");
    for (let i = 0; i < allowed.length; i++) {
      const a = allowed[i];
      if (!isObject(a)) failType("firewall.allowed[" + i + "] is " + describe(a) + ", not an allowed entry");
      const protocol = toLower(StringOf(own(a, "IPProtocol")));
      if (protocol !== "all" && protocol !== "tcp" && protocol !== "udp" && protocol !== "sctp") continue;
      const ranges = protocol === "all" ? [[0, 65535]] : portsOf(own(a, "ports"), "firewall.allowed[" + i + "].ports");
      let meets = wanted.length === 0;
      for (let r = 0; r < ranges.length && !meets; r++)
        for (let w = 0; w < wanted.length; w++) if (ranges[r][0] <= wanted[w] && wanted[w] <= ranges[r][1]) meets = true;
      if (meets) add(out, a);
    }
    return out;
  }

  // Lowercase, without blanks: filters compare as Google evaluates them, not as typed.
  function squeezed(text) {
    const t = toLower(StringOf(text));
    let out = "";
    for (let i = 0; i < t.length; i++) {
      const c = charCodeAt(t, i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) out += t[i];
    }
    return out;
  }

  // The first log metric whose filter holds every fragment (blanks and case aside), with an
  // enabled alert policy that watches it ("logging.googleapis.com/user/NAME" in a condition's
  // filter): { metric, policy }; else { metric, policy: null } for a metric without an alert,
  // or null when no metric matches.
  function logMetricAlert(metrics, alertPolicies, fragments) {
    const list = listOf(metrics, "metrics"), policies = listOf(alertPolicies, "alertPolicies"), wanted = listOf(fragments, "fragments");
    if (wanted.length === 0) fail("fragments must name at least one part of the filter");
    for (let i = 0; i < wanted.length; i++) requireString(wanted[i], "fragments[" + i + "]");
    let unalerted = null;
    for (let i = 0; i < list.length; i++) {
      const m = list[i];
      if (!isObject(m)) failType("metrics[" + i + "] is " + describe(m) + ", not a log metric");
      const filter = squeezed(own(m, "filter"));
      let all = true;
      for (let k = 0; k < wanted.length && all; k++) if (indexOfText(filter, squeezed(wanted[k])) < 0) all = false;
      if (!all) continue;
      const name = StringOf(own(m, "name"));
      const type = squeezed("logging.googleapis.com/user/" + sliceText(name, lastIndexOfText(name, "/") + 1));
      for (let p = 0; p < policies.length; p++) {
        const policy = policies[p];
        if (!isObject(policy) || own(policy, "enabled") === false) continue;
        const conditions = listOf(own(policy, "conditions"), "alertPolicies[" + p + "].conditions");
        for (let c = 0; c < conditions.length; c++) {
          const cond = conditions[c];
          const threshold = isObject(cond) ? own(cond, "conditionThreshold") : undefined;
          const absent = isObject(cond) ? own(cond, "conditionAbsent") : undefined;
          const watched = isObject(threshold) ? own(threshold, "filter") : isObject(absent) ? own(absent, "filter") : undefined;
          if (watched !== undefined && indexOfText(squeezed(watched), type) >= 0) return { metric: m, policy };
        }
      }
      if (unalerted === null) unalerted = { metric: m, policy: null };
    }
    return unalerted;
  }

  // One list call's items; a cloud error fails, naming the call.
  async function listed(apiCaller, service, endpoint, params, apiVersion) {
    const res = await apiCaller({ service, endpoint, params, serviceParams: { apiVersion } });
    const first = isArray(res) && isArray(res[0]) ? res[0][0] : undefined;
    if (!isObject(first)) fail(service + " " + endpoint + ": apiCaller gave no answer");
    const error = first.error;
    if (isObject(error)) fail(service + " " + endpoint + ": " + StringOf(error.code) + ": " + StringOf(error.message));
    return isArray(first.apiResponse) ? first.apiResponse : [];
  }

  // The verdict of a CIS "log metric filter and alert" control for the project of `resource`.
  function logMetricMonitoring(apiCaller, resource, fragments, what) {
    if (typeof apiCaller !== "function") failType("expected the signature's apiCaller, got " + describe(apiCaller));
    if (!isObject(resource) || typeof resource.accountId !== "string") failType("expected the resource (with its project in accountId), got " + describe(resource));
    listOf(fragments, "fragments");
    requireString(what, "what");
    return monitoringVerdict(apiCaller, "projects/" + resource.accountId, fragments, what);
  }

  async function monitoringVerdict(apiCaller, project, fragments, what) {
    let metrics, policies;
    try {
      metrics = await listed(apiCaller, "logging", "projects.metrics.list", { parent: project }, "v2");
      policies = await listed(apiCaller, "monitoring", "projects.alertPolicies.list", { name: project }, "v3");
    } catch (thrown) {
      throw rethrown("lib.gcp.logMetricMonitoring", thrown);
    }
    const enabled = [];
    for (let i = 0; i < metrics.length; i++) if (!isObject(metrics[i]) || own(metrics[i], "disabled") !== true) add(enabled, metrics[i]);
    const found = logMetricAlert(enabled, policies, fragments);
    if (found === null) return { statusSig: false, statusMessage: "No enabled log-based metric of the project counts " + what };
    const metric = StringOf(own(found.metric, "name"));
    if (found.policy === null)
      return { statusSig: false, statusMessage: "Log-based metric '" + metric + "' counts " + what + ", but no enabled alert policy watches it" };
    const channels = listOf(own(found.policy, "notificationChannels"), "notificationChannels").length;
    const policyName = own(found.policy, "displayName") !== undefined ? own(found.policy, "displayName") : own(found.policy, "name");
    return { statusSig: true, statusMessage: "Log-based metric '" + metric + "' counts " + what + " and alert policy '" + StringOf(policyName) +
      "' watches it (" + channels + " notification channel(s))" };
  }

  const gcp = {
    //: lib.gcp.bindings(policy) -> [{ role, member, condition }]
    //: An IAM policy's bindings (as getIamPolicy answers: { bindings: [{ role, members, condition }] }) one member at a time; none for no policy.
    //: e.g. lib.gcp.bindings(resource.data.iamPolicy).filter((b) => b.role === "roles/owner")
    bindings: entry("gcp.bindings", bindings),

    //: lib.gcp.publicMembers(policyOrAccess) -> [{ role, member }]
    //: The grants to everyone (allUsers, allAuthenticatedUsers): of an IAM policy's bindings, or of a BigQuery dataset's access list ([{ role, specialGroup | iamMember }]).
    //: e.g. lib.gcp.publicMembers(bucket.data.iamPolicy).map((g) => g.member + " as " + g.role)
    publicMembers: entry("gcp.publicMembers", publicMembers),

    //: lib.gcp.firewallOpenToInternet(firewall, ports = []) -> [allowed]
    //: The `allowed` entries ({ IPProtocol, ports }) of an enabled INGRESS firewall rule from 0.0.0.0/0 or ::/0 that open any of `ports` (none given: any) over TCP, UDP, SCTP or all protocols.
    //: e.g. lib.gcp.firewallOpenToInternet(resource.data, [22]).length > 0
    firewallOpenToInternet: entry("gcp.firewallOpenToInternet", firewallOpenToInternet),

    //: lib.gcp.logMetricAlert(metrics, alertPolicies, fragments) -> { metric, policy } | null
    //: The first log metric (logging projects.metrics.list) whose filter holds every fragment (blanks and case aside) and the enabled alert policy (monitoring projects.alertPolicies.list) watching it; policy null when none watches it; null when no metric matches.
    //: e.g. lib.gcp.logMetricAlert(metrics, policies, ['protoPayload.methodName="SetIamPolicy"', 'AuditConfigDelta'])
    logMetricAlert: entry("gcp.logMetricAlert", logMetricAlert),

    //: lib.gcp.logMetricMonitoring(apiCaller, resource, fragments, what) -> Promise<{ statusSig, statusMessage }>
    //: A CIS "log metric filter and alert" control's verdict for the project of `resource` (its accountId): its enabled log metrics and alert policies listed, then logMetricAlert; `what` words what the metric counts in the message. A cloud error rejects with an Error naming the call.
    //: e.g. module.exports = (apiCaller, resource, lib) => lib.gcp.logMetricMonitoring(apiCaller, resource, ['resource.type="gce_route"'], "VPC route changes")
    logMetricMonitoring: entry("gcp.logMetricMonitoring", logMetricMonitoring),

    //: lib.gcp.PUBLIC_MEMBERS
    //: The members that mean everyone: allUsers, allAuthenticatedUsers.
    PUBLIC_MEMBERS: PUBLIC,
  };

  return { api: namespace(gcp) };
});
