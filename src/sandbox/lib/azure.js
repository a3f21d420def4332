// lib.azure: what Azure signatures keep needing: a resource's own item, a database server's
// parameter, firewall ranges open to all of Azure or to the Internet, TLS versions as Azure
// writes them, activity log alerts, where diagnostic settings deliver logs, private endpoints,
// Defender for Cloud's assessments of a resource. A part of lib (see core.js); uses lib.net's CIDR parser.
(function (S) {
  "use strict";
  const { fail, failType, describe, entry, add, listOf, requireString, isObject, namespace, rethrown, toLower, StringOf,
    charCodeAt, own, isArray, use, sliceText, stringsOf } = S;

  const net = () => use("net");

  // The last segment of a resource id: its name.
  const lastSegment = (id) => {
    const text = StringOf(id);
    let at = text.length;
    while (at > 0 && charCodeAt(text, at - 1) !== 47) at--;
    return sliceText(text, at);
  };
  const joined = (list, separator) => {
    let out = "";
    for (let i = 0; i < list.length; i++) out += (i ? separator : "") + StringOf(list[i]);
    return out;
  };
  const includesText = (list, text) => {
    const wanted = toLower(text);
    for (let i = 0; i < list.length; i++) if (toLower(list[i]) === wanted) return true;
    return false;
  };
  const objectAt = (object, key) => (isObject(own(object, key)) ? own(object, key) : {});

  // One Azure call's answer; `absent` (an HTTP status) answers null. A cloud error fails,
  // naming the call.
  async function answer(apiCaller, service, endpoint, params, absent) {
    const res = await apiCaller({ service, endpoint, params });
    const first = isArray(res) && isArray(res[0]) ? res[0][0] : undefined;
    if (!isObject(first)) fail(service + " " + endpoint + ": apiCaller gave no answer");
    const error = first.error;
    if (isObject(error) && absent !== undefined && error.statusCode === absent) return null;
    if (isObject(error)) fail(service + " " + endpoint + ": " + StringOf(error.code) + ": " + StringOf(error.message));
    return first.apiResponse;
  }

  function requireResource(resource) {
    if (!isObject(resource) || typeof resource.id !== "string" || typeof resource.service !== "string")
      failType("expected the resource (with id and service), got " + describe(resource));
  }

  // Arguments are checked at once (a wrong one throws where the signature called); the calls'
  // failures reject the promise, naming the function.
  function item(apiCaller, resource) {
    if (typeof apiCaller !== "function") failType("expected the signature's apiCaller, got " + describe(apiCaller));
    requireResource(resource);
    return readItem(apiCaller, resource);
  }

  async function readItem(apiCaller, resource) {
    const data = resource.data;
    if (isObject(data) && isObject(own(data, "properties"))) return data;
    try {
      const read = await answer(apiCaller, resource.service, "{id}", { id: resource.id });
      return isObject(read) ? read : {};
    } catch (thrown) {
      throw rethrown("lib.azure.item", thrown);
    }
  }

  function serverParameter(apiCaller, server, name) {
    if (typeof apiCaller !== "function") failType("expected the signature's apiCaller, got " + describe(apiCaller));
    requireResource(server);
    requireString(name, "name");
    return readParameter(apiCaller, server, name);
  }

  async function readParameter(apiCaller, server, name) {
    try {
      const read = await answer(apiCaller, server.service, "{id}/configurations/" + name, { id: server.id }, 404);
      if (read === null) return null;
      const value = own(own(read, "properties"), "value");
      return value === undefined || value === null ? "" : StringOf(value);
    } catch (thrown) {
      throw rethrown("lib.azure.serverParameter", thrown);
    }
  }

  // 2^31 addresses: a range of half the IPv4 space or more is as good as the Internet.
  const HALF_OF_IPV4 = 2147483648n;

  function firewallExposure(rules) {
    const list = listOf(rules, "rules");
    const out = [];
    for (let i = 0; i < list.length; i++) {
      const rule = list[i];
      if (!isObject(rule)) failType("rules[" + i + "] is " + describe(rule) + ", not a firewall rule");
      const p = isObject(own(rule, "properties")) ? own(rule, "properties") : rule;
      const startText = own(p, "startIpAddress"), endText = own(p, "endIpAddress");
      if (typeof startText !== "string" || typeof endText !== "string") continue;
      let start, end;
      try {
        start = net().parseCidr(startText, "rules[" + i + "].startIpAddress");
        end = net().parseCidr(endText, "rules[" + i + "].endIpAddress");
      } catch (e) {
        continue;  // not an IPv4 address: Azure would have refused it; nothing it admits
      }
      if (start.v6 || end.v6) continue;
      const name = typeof own(rule, "name") === "string" ? own(rule, "name") : "";
      const range = startText + "-" + endText;
      if (start.address === 0n && end.address === 0n) add(out, { name, range, reach: "every Azure service" });
      else if (end.address >= start.address && end.address - start.address + 1n >= HALF_OF_IPV4) add(out, { name, range, reach: "the Internet" });
    }
    return out;
  }

  // "TLS1_2", "1.2", "TLSv1.2", "Tls12", "TLS 1.3", "TLSv1" (1.0): each version a text names, as
  // 10 * major + minor.
  function versionsIn(text) {
    const t = toLower(StringOf(text));
    const found = [];
    for (let i = 0; i < t.length; i++) {
      const c = charCodeAt(t, i);
      if (c !== 49) continue;  // a version starts with its major, 1
      const before = i > 0 ? charCodeAt(t, i - 1) : 32;
      if (before >= 48 && before <= 57) continue;
      let j = i + 1;
      const next = j < t.length ? charCodeAt(t, j) : 32;
      if (t[j] !== "." && t[j] !== "_" && (next < 48 || next > 57)) {
        add(found, 10);  // "TLSv1", "TLS1": version 1.0
        continue;
      }
      if (j < t.length && (t[j] === "." || t[j] === "_")) j++;
      const minor = j < t.length ? charCodeAt(t, j) - 48 : -1;
      if (minor < 0 || minor > 3) continue;
      const after = j + 1 < t.length ? charCodeAt(t, j + 1) : 32;
      if (after >= 48 && after <= 57) continue;
      add(found, 10 + minor);
    }
    return found;
  }

  function tlsAtLeast(value, minimum) {
    const wanted = versionsIn(requireString(minimum, "minimum"));
    if (wanted.length !== 1) fail("minimum must name one TLS version such as \"1.2\", got " + describe(minimum));
    if (value === undefined || value === null) return false;
    const versions = versionsIn(value);
    if (versions.length === 0) return false;
    for (let i = 0; i < versions.length; i++) if (versions[i] < wanted[0]) return false;  // a list allows its lowest
    return true;
  }

  // The condition's leaves as { field, equals }, inside allOf and the anyOf lists in it.
  function conditions(alert) {
    const allOf = listOf(own(own(own(alert, "properties"), "condition"), "allOf"), "condition.allOf");
    const leaves = [];
    for (let i = 0; i < allOf.length; i++) {
      const c = allOf[i];
      if (!isObject(c)) continue;
      const anyOf = own(c, "anyOf");
      if (isArray(anyOf)) {
        const inner = listOf(anyOf, "anyOf");
        for (let k = 0; k < inner.length; k++) if (isObject(inner[k])) add(leaves, { field: own(inner[k], "field"), equals: own(inner[k], "equals"), any: true });
      } else {
        add(leaves, { field: own(c, "field"), equals: own(c, "equals"), any: false });
      }
    }
    return leaves;
  }

  function activityLogAlert(alerts, wanted) {
    const list = listOf(alerts, "alerts");
    if (!isObject(wanted)) failType("expected { operationName, category }, got " + describe(wanted));
    const operation = own(wanted, "operationName"), category = own(wanted, "category");
    if (operation !== undefined) requireString(operation, "operationName");
    if (category !== undefined) requireString(category, "category");
    if (operation === undefined && category === undefined) fail("name an operationName or a category");
    const same = (a, b) => typeof a === "string" && typeof b === "string" && toLower(a) === toLower(b);
    for (let i = 0; i < list.length; i++) {
      const alert = list[i];
      if (!isObject(alert)) failType("alerts[" + i + "] is " + describe(alert) + ", not an activity log alert");
      if (own(own(alert, "properties"), "enabled") === false) continue;
      const leaves = conditions(alert);
      let operationMet = operation === undefined, categoryMet = category === undefined;
      for (let k = 0; k < leaves.length; k++) {
        if (same(leaves[k].field, "operationName") && same(leaves[k].equals, operation)) operationMet = true;
        if (same(leaves[k].field, "category") && same(leaves[k].equals, category)) categoryMet = true;
      }
      if (operationMet && categoryMet) return alert;
    }
    return null;
  }

  // --- Diagnostic settings ---------------------------------------------------------------

  // Where a diagnostic setting sends what it collects, in words; "" for nowhere.
  function destinationOf(p) {
    const to = [];
    if (own(p, "workspaceId")) add(to, "Log Analytics workspace " + lastSegment(own(p, "workspaceId")));
    if (own(p, "storageAccountId")) add(to, "storage account " + lastSegment(own(p, "storageAccountId")));
    if (own(p, "eventHubAuthorizationRuleId")) add(to, "event hub" + (own(p, "eventHubName") ? " " + StringOf(own(p, "eventHubName")) : ""));
    if (own(p, "marketplacePartnerId")) add(to, "partner solution " + lastSegment(own(p, "marketplacePartnerId")));
    return joined(to, " and ");
  }

  function logDelivery(apiCaller, resource, categories) {
    if (typeof apiCaller !== "function") failType("expected the signature's apiCaller, got " + describe(apiCaller));
    requireResource(resource);
    const wanted = categories === undefined ? null : stringsOf(categories, "categories");
    if (wanted !== null && wanted.length === 0) fail("categories must name at least one log category or category group");
    return readDelivery(apiCaller, resource.id, wanted);
  }

  async function readDelivery(apiCaller, id, wanted) {
    let settings;
    try {
      settings = listOf(await answer(apiCaller, "Microsoft.Insights", "{id}/providers/Microsoft.Insights/diagnosticSettings", { id }), "diagnostic settings");
    } catch (thrown) {
      throw rethrown("lib.azure.logDelivery", thrown);
    }
    const delivered = [], undelivered = [];
    for (let i = 0; i < settings.length; i++) {
      const setting = settings[i];
      if (!isObject(setting)) continue;
      const p = objectAt(setting, "properties");
      const name = StringOf(own(setting, "name") === undefined ? "?" : own(setting, "name"));
      const logs = [];
      const entries = listOf(own(p, "logs"), "logs");
      for (let k = 0; k < entries.length; k++) {
        const log = entries[k];
        if (!isObject(log) || own(log, "enabled") !== true) continue;
        const which = own(log, "category") ? own(log, "category") : own(log, "categoryGroup");
        if (!which) continue;
        if (wanted === null || includesText(wanted, StringOf(which))) add(logs, StringOf(which));
      }
      const destination = destinationOf(p);
      if (logs.length && destination) add(delivered, { name, logs, destination });
      else add(undelivered, { name, why: !logs.length ? (wanted === null ? "no log category enabled" : "none of " + joined(wanted, ", ") + " enabled") : "no destination" });
    }
    return { delivered, undelivered };
  }

  // --- Private endpoints ------------------------------------------------------------------

  function privateEndpointVerdict(item, what) {
    if (!isObject(item)) failType("expected the resource as Resource Manager gives it (with its properties), got " + describe(item));
    requireString(what, "what");
    const connections = listOf(own(objectAt(item, "properties"), "privateEndpointConnections"), "privateEndpointConnections");
    const approved = [], waiting = [];
    for (let i = 0; i < connections.length; i++) {
      const connection = isObject(connections[i]) ? connections[i] : {};
      const p = objectAt(connection, "properties");
      const status = StringOf(own(objectAt(p, "privateLinkServiceConnectionState"), "status") || "");
      const endpoint = lastSegment(own(objectAt(p, "privateEndpoint"), "id") || own(connection, "name") || "?");
      if (toLower(status) === "approved") add(approved, endpoint);
      else add(waiting, endpoint + " (" + (status || "no status") + ")");
    }
    if (approved.length)
      return { statusSig: true, statusMessage: "The " + what + " has " + approved.length + " approved private endpoint(s): " + joined(approved, ", ") };
    if (waiting.length) return { statusSig: false, statusMessage: "No private endpoint of the " + what + " is approved: " + joined(waiting, ", ") };
    return { statusSig: false, statusMessage: "The " + what + " has no private endpoint: it is reached only over its public endpoint" };
  }

  // --- Defender for Cloud assessments -----------------------------------------------------

  function assessmentVerdict(apiCaller, resource, keys, what) {
    if (typeof apiCaller !== "function") failType("expected the signature's apiCaller, got " + describe(apiCaller));
    requireResource(resource);
    const wanted = stringsOf(keys, "keys");
    if (wanted.length === 0) fail("keys must name at least one assessment key");
    requireString(what, "what");
    return judgeAssessments(apiCaller, resource.id, wanted, what);
  }

  async function judgeAssessments(apiCaller, id, keys, what) {
    let listed;
    try {
      listed = listOf(await answer(apiCaller, "Microsoft.Security", "{id}/providers/Microsoft.Security/assessments", { id }), "assessments");
    } catch (thrown) {
      throw rethrown("lib.azure.assessmentVerdict", thrown);
    }
    const found = [];
    for (let k = 0; k < keys.length; k++)
      for (let i = 0; i < listed.length; i++)
        if (isObject(listed[i]) && toLower(StringOf(own(listed[i], "name"))) === toLower(keys[k])) add(found, listed[i]);
    if (!found.length)
      return { statusSig: false, statusMessage: "Microsoft Defender for Cloud does not assess " + what + " (it has no assessment " + joined(keys, ", ") +
        " of the resource): the plan that assesses it is off, or the resource is not assessed yet" };
    const unhealthy = [], fine = [];
    for (let i = 0; i < found.length; i++) {
      const p = objectAt(found[i], "properties");
      const status = objectAt(p, "status");
      const code = StringOf(own(status, "code") || "Unknown");
      const said = own(status, "description") || own(status, "cause");
      const line = "'" + StringOf(own(p, "displayName") || own(found[i], "name")) + "' is " + code + (said ? " (" + StringOf(said) + ")" : "");
      add(code === "Healthy" || code === "NotApplicable" ? fine : unhealthy, line);
    }
    if (unhealthy.length) return { statusSig: false, statusMessage: "Defender for Cloud assesses " + what + ": " + joined(unhealthy, "; ") };
    return { statusSig: true, statusMessage: "Defender for Cloud assesses " + what + ": " + joined(fine, "; ") };
  }

  const azure = {
    //: lib.azure.item(apiCaller, resource) -> Promise<object>
    //: The resource as Resource Manager gives it ({ id, name, type, location, properties, ... }): its listing's item (resource.data) when that has properties, else read again by its id (a hand-written resource in signet test). A cloud error rejects with an Error naming the call.
    //: e.g. const props = (await lib.azure.item(apiCaller, resource)).properties
    item: entry("azure.item", item),

    //: lib.azure.serverParameter(apiCaller, server, name) -> Promise<string | null>
    //: A PostgreSQL or MySQL flexible server's parameter as text ("{id}/configurations/NAME"), "" when it has no value; null when the server has no such parameter. Another cloud error rejects with an Error naming the call.
    //: e.g. (await lib.azure.serverParameter(apiCaller, resource, "log_checkpoints")) === "on"
    serverParameter: entry("azure.serverParameter", serverParameter),

    //: lib.azure.firewallExposure(rules) -> [{ name, range, reach }]
    //: The rules of a SQL, PostgreSQL or MySQL server firewall (as listed: { name, properties: { startIpAddress, endIpAddress } }) that admit every Azure service (0.0.0.0-0.0.0.0, Azure's "allow Azure services" switch: reach "every Azure service") or as good as the Internet (half the IPv4 space or more: reach "the Internet").
    //: e.g. lib.azure.firewallExposure(rules).map((r) => r.name + " lets in " + r.reach)
    firewallExposure: entry("azure.firewallExposure", firewallExposure),

    //: lib.azure.tlsAtLeast(value, minimum) -> boolean
    //: Whether a TLS setting as Azure writes it ("TLS1_2", "1.2", "TLSv1.2,TLSv1.3", "Tls12") allows only `minimum` ("1.2") or newer: a list counts by its lowest version; absent or unreadable is false.
    //: e.g. lib.azure.tlsAtLeast(props.minimumTlsVersion, "1.2")
    tlsAtLeast: entry("azure.tlsAtLeast", tlsAtLeast),

    //: lib.azure.activityLogAlert(alerts, { operationName, category }) -> alert | null
    //: The first enabled activity log alert (as Microsoft.Insights activityLogAlerts lists them) whose condition (allOf, and the anyOf lists in it) names the operation (case-insensitive) and, when given, the category ("ServiceHealth", "Administrative").
    //: e.g. lib.azure.activityLogAlert(alerts, { operationName: "Microsoft.Network/networkSecurityGroups/delete" })
    activityLogAlert: entry("azure.activityLogAlert", activityLogAlert),

    //: lib.azure.logDelivery(apiCaller, resource, categories?) -> Promise<{ delivered, undelivered }>
    //: What the resource's diagnostic settings ({id}/providers/Microsoft.Insights/diagnosticSettings) send: delivered the settings that send an enabled log category or category group named in `categories` (case-insensitive; any enabled log when omitted) to a destination, each { name, logs, destination } (logs: the enabled ones among `categories`; destination in words: "Log Analytics workspace NAME", "storage account NAME", "event hub NAME", "partner solution NAME"); undelivered the others, each { name, why }. A cloud error rejects with an Error naming the call.
    //: e.g. const { delivered } = await lib.azure.logDelivery(apiCaller, resource, ["AuditEvent", "audit", "allLogs"])
    logDelivery: entry("azure.logDelivery", logDelivery),

    //: lib.azure.privateEndpointVerdict(item, what) -> { statusSig, statusMessage }
    //: Whether a resource as Resource Manager gives it (lib.azure.item's answer) is reached through an approved private endpoint: its properties.privateEndpointConnections whose privateLinkServiceConnectionState.status is Approved (Pending, Rejected and Disconnected ones carry no traffic). `what` names the resource in the message ("key vault").
    //: e.g. return lib.azure.privateEndpointVerdict(await lib.azure.item(apiCaller, resource), "storage account")
    privateEndpointVerdict: entry("azure.privateEndpointVerdict", privateEndpointVerdict),

    //: lib.azure.assessmentVerdict(apiCaller, resource, keys, what) -> Promise<{ statusSig, statusMessage }>
    //: Microsoft Defender for Cloud's verdict on the resource (a virtual machine, ...) for the recommendations `keys` name (assessment keys: the names of the assessments under {id}/providers/Microsoft.Security/assessments): Fail when Defender has none of them for the resource (it does not assess it) or one of them is Unhealthy; Pass when those it has are Healthy or NotApplicable. `what` names the subject in the message. A cloud error rejects with an Error naming the call.
    //: e.g. lib.azure.assessmentVerdict(apiCaller, resource, ["90386950-71ca-4357-a12e-486d1679427c"], "the VM's system update checks")
    assessmentVerdict: entry("azure.assessmentVerdict", assessmentVerdict),
  };

  return { api: namespace(azure) };
});
