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

  const ENGINES = { POSTGRES: "PostgreSQL", MYSQL: "MySQL", SQLSERVER: "SQL Server" };

  // A Cloud SQL instance's database flag (settings.databaseFlags: [{ name, value }]) for the
  // engine it belongs to.
  function sqlFlag(instance, engine, name) {
    if (!isObject(instance)) failType("expected a Cloud SQL instance (as sqladmin instances.list gives it), got " + describe(instance));
    requireString(engine, "engine");
    requireString(name, "name");
    const known = own(ENGINES, engine);
    if (known === undefined) fail("engine must be POSTGRES, MYSQL or SQLSERVER, got " + describe(engine));
    const version = StringOf(own(instance, "databaseVersion") === undefined ? "" : own(instance, "databaseVersion"));
    const applies = sliceText(version, 0, engine.length) === engine;
    let value = null;
    const settings = own(instance, "settings");
    const flags = listOf(isObject(settings) ? own(settings, "databaseFlags") : undefined, "settings.databaseFlags");
    for (let i = 0; i < flags.length; i++)
      if (isObject(flags[i]) && own(flags[i], "name") === name) value = StringOf(own(flags[i], "value"));
    return { applies, value, notApplicable: { statusSig: true, statusMessage: "Not a " + known + " instance (" + version + "): the flag does not apply" } };
  }

  // The project's IAM policy: the one the inventory read (resource.data.iamPolicy), else read.
  function projectPolicy(apiCaller, resource) {
    if (typeof apiCaller !== "function") failType("expected the signature's apiCaller, got " + describe(apiCaller));
    if (!isObject(resource) || typeof resource.accountId !== "string") failType("expected the resource (with its project in accountId), got " + describe(resource));
    return readProjectPolicy(apiCaller, resource);
  }

  async function readProjectPolicy(apiCaller, resource) {
    const data = own(resource, "data");
    const kept = isObject(data) ? own(data, "iamPolicy") : undefined;
    if (isObject(kept)) return kept;
    try {
      const res = await apiCaller({ service: "cloudresourcemanager", endpoint: "projects.getIamPolicy", params: { resource: resource.accountId },
                                    serviceParams: { apiVersion: "v1", body: { options: { requestedPolicyVersion: 3 } } } });
      const first = isArray(res) && isArray(res[0]) ? res[0][0] : undefined;
      if (!isObject(first)) fail("apiCaller gave no answer");
      if (isObject(first.error)) fail("cloudresourcemanager projects.getIamPolicy: " + StringOf(first.error.code) + ": " + StringOf(first.error.message));
      return isObject(first.apiResponse) ? first.apiResponse : {};
    } catch (thrown) {
      throw rethrown("lib.gcp.projectPolicy", thrown);
    }
  }

  // What makes an SSL policy weak: a minimum below TLS 1.2, the COMPATIBLE profile (it keeps
  // legacy suites), or an enabled suite with static RSA key exchange (no forward secrecy),
  // 3DES, RC4 or SHA-1 CBC. Absent fields are Google's defaults (TLS 1.0, COMPATIBLE).
  function sslPolicyWeaknesses(policy) {
    if (!isObject(policy)) failType("expected an SSL policy (as compute sslPolicies.get gives it), got " + describe(policy));
    const out = [];
    const min = own(policy, "minTlsVersion") === undefined ? "TLS_1_0" : StringOf(own(policy, "minTlsVersion"));
    if (min === "TLS_1_0" || min === "TLS_1_1") add(out, "accepts TLS 1." + sliceText(min, 6));
    const profile = own(policy, "profile") === undefined ? "COMPATIBLE" : StringOf(own(policy, "profile"));
    if (profile === "COMPATIBLE") add(out, "uses the COMPATIBLE profile");
    const features = listOf(own(policy, "enabledFeatures") !== undefined ? own(policy, "enabledFeatures") : own(policy, "customFeatures"), "enabledFeatures");
    const weak = [];
    for (let i = 0; i < features.length; i++) {
      const f = StringOf(features[i]);
      if (sliceText(f, 0, 8) === "TLS_RSA_" || indexOfText(f, "3DES") >= 0 || indexOfText(f, "RC4") >= 0 || sliceText(f, f.length - 8) === "_CBC_SHA") add(weak, f);
    }
    if (weak.length) add(out, "enables " + weak.length + " weak cipher suite(s): " + weak.join(", "));
    return out;
  }

  // A target HTTPS or SSL proxy's SSL policy judged: none named means Google's weak default.
  function proxySslVerdict(apiCaller, proxy, what) {
    if (typeof apiCaller !== "function") failType("expected the signature's apiCaller, got " + describe(apiCaller));
    if (!isObject(proxy) || !isObject(proxy.data)) failType("expected the proxy resource (with its data), got " + describe(proxy));
    requireString(what, "what");
    return judgeProxy(apiCaller, proxy, what);
  }

  async function judgeProxy(apiCaller, proxy, what) {
    const url = own(proxy.data, "sslPolicy");
    if (url === undefined || url === null || url === "")
      return { statusSig: false, statusMessage: "The " + what + " names no SSL policy, so Google's default applies: COMPATIBLE profile, TLS 1.0 and legacy cipher suites" };
    const text = StringOf(url);
    const at = indexOfText(text, "projects/");
    const parts = [];
    for (let rest = at < 0 ? "" : sliceText(text, at + 9); rest.length > 0;) {
      const slash = indexOfText(rest, "/");
      add(parts, slash < 0 ? rest : sliceText(rest, 0, slash));
      rest = slash < 0 ? "" : sliceText(rest, slash + 1);
    }
    // projects/P/global/sslPolicies/N or projects/P/regions/R/sslPolicies/N
    let request;
    if (parts.length === 4 && parts[1] === "global" && parts[2] === "sslPolicies")
      request = { endpoint: "sslPolicies.get", params: { project: parts[0], sslPolicy: parts[3] } };
    else if (parts.length === 5 && parts[1] === "regions" && parts[3] === "sslPolicies")
      request = { endpoint: "regionSslPolicies.get", params: { project: parts[0], region: parts[2], sslPolicy: parts[4] } };
    let policy;
    try {
      if (!request) fail("the " + what + "'s sslPolicy '" + text + "' is not an SSL policy's URL");
      const res = await apiCaller({ service: "compute", endpoint: request.endpoint, params: request.params, serviceParams: { apiVersion: "v1" } });
      const first = isArray(res) && isArray(res[0]) ? res[0][0] : undefined;
      if (!isObject(first)) fail("apiCaller gave no answer");
      if (isObject(first.error)) fail("compute " + request.endpoint + ": " + StringOf(first.error.code) + ": " + StringOf(first.error.message));
      policy = isObject(first.apiResponse) ? first.apiResponse : {};
    } catch (thrown) {
      throw rethrown("lib.gcp.proxySslVerdict", thrown);
    }
    const weak = sslPolicyWeaknesses(policy);
    const name = StringOf(own(policy, "name"));
    if (weak.length) return { statusSig: false, statusMessage: "SSL policy '" + name + "' " + weak.join("; ") };
    return { statusSig: true, statusMessage: "SSL policy '" + name + "' (" + StringOf(own(policy, "profile")) + ", " + StringOf(own(policy, "minTlsVersion")) + ") has no weak cipher suites" };
  }

  // A GKE cluster's node pools as { name, config, management }: its nodePools, or its own
  // nodeConfig as one pool "default" when it lists none.
  function nodePools(cluster) {
    if (!isObject(cluster)) failType("expected a GKE cluster (as container clusters.list gives it), got " + describe(cluster));
    const listed = listOf(own(cluster, "nodePools"), "cluster.nodePools");
    const out = [];
    for (let i = 0; i < listed.length; i++) {
      const p = listed[i];
      if (!isObject(p)) failType("cluster.nodePools[" + i + "] is " + describe(p) + ", not a node pool");
      add(out, { name: StringOf(own(p, "name")), config: isObject(own(p, "config")) ? own(p, "config") : {},
                 management: isObject(own(p, "management")) ? own(p, "management") : {} });
    }
    if (out.length === 0) add(out, { name: "default", config: isObject(own(cluster, "nodeConfig")) ? own(cluster, "nodeConfig") : {}, management: {} });
    return out;
  }

  function isAutopilot(cluster) {
    if (!isObject(cluster)) failType("expected a GKE cluster, got " + describe(cluster));
    const autopilot = own(cluster, "autopilot");
    return isObject(autopilot) && own(autopilot, "enabled") === true;
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
    //: calls: logging.projects.metrics.list monitoring.projects.alertPolicies.list
    logMetricMonitoring: entry("gcp.logMetricMonitoring", logMetricMonitoring),

    //: lib.gcp.sqlFlag(instance, engine, name) -> { applies, value, notApplicable }
    //: A Cloud SQL instance's database flag: applies whether the instance runs `engine` (POSTGRES, MYSQL, SQLSERVER: its databaseVersion's start), value the flag's text or null when it is not set (the engine's default applies), notApplicable the Pass a signature returns for an instance of another engine.
    //: e.g. const flag = lib.gcp.sqlFlag(resource.data, "POSTGRES", "log_connections"); if (!flag.applies) return flag.notApplicable;
    sqlFlag: entry("gcp.sqlFlag", sqlFlag),

    //: lib.gcp.projectPolicy(apiCaller, resource) -> Promise<policy>
    //: The project's IAM policy (bindings, auditConfigs): the one the inventory read into resource.data.iamPolicy, else read with cloudresourcemanager projects.getIamPolicy for resource.accountId. A cloud error rejects with an Error naming the call.
    //: e.g. const policy = await lib.gcp.projectPolicy(apiCaller, resource)
    //: calls: cloudresourcemanager.projects.getIamPolicy
    projectPolicy: entry("gcp.projectPolicy", projectPolicy),

    //: lib.gcp.sslPolicyWeaknesses(policy) -> [string]
    //: What makes an SSL policy weak, in words: a minimum below TLS 1.2, the COMPATIBLE profile, enabled suites with static RSA key exchange, 3DES, RC4 or SHA-1 CBC; absent fields are Google's defaults. None: a strong policy.
    //: e.g. lib.gcp.sslPolicyWeaknesses(resource.data).length === 0
    sslPolicyWeaknesses: entry("gcp.sslPolicyWeaknesses", sslPolicyWeaknesses),

    //: lib.gcp.proxySslVerdict(apiCaller, proxy, what) -> Promise<{ statusSig, statusMessage }>
    //: A target HTTPS or SSL proxy's verdict: its SSL policy (global or regional) read and judged by sslPolicyWeaknesses; no policy named is Google's weak default. `what` names the proxy in the message.
    //: e.g. module.exports = (apiCaller, resource, lib) => lib.gcp.proxySslVerdict(apiCaller, resource, "HTTPS proxy")
    //: calls: compute.sslPolicies.get compute.regionSslPolicies.get
    proxySslVerdict: entry("gcp.proxySslVerdict", proxySslVerdict),

    //: lib.gcp.nodePools(cluster) -> [{ name, config, management }]
    //: A GKE cluster's node pools (their config and management), or its own nodeConfig as one pool "default" when it lists none.
    //: e.g. lib.gcp.nodePools(resource.data).filter((p) => !p.management.autoUpgrade).map((p) => p.name)
    nodePools: entry("gcp.nodePools", nodePools),

    //: lib.gcp.isAutopilot(cluster) -> boolean
    //: Whether a GKE cluster is an Autopilot one (Google manages its nodes' settings).
    //: e.g. if (lib.gcp.isAutopilot(resource.data)) return { statusSig: true }
    isAutopilot: entry("gcp.isAutopilot", isAutopilot),

    //: lib.gcp.PUBLIC_MEMBERS
    //: The members that mean everyone: allUsers, allAuthenticatedUsers.
    PUBLIC_MEMBERS: PUBLIC,
  };

  return { api: namespace(gcp) };
});
