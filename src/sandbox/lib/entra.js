// lib.entra: Microsoft Entra ID Conditional Access, judged once for every signature that asks
// whether MFA is really required: whom a policy applies to (users, guests, nested groups and
// directory roles, and the exclusions of each), what keeps a policy that asks for MFA from
// enforcing it, and the verdict for one user over the tenant's policies. A part of lib (see
// core.js). Graph shapes: identity/conditionalAccess/policies items, user objects.
(function (S) {
  "use strict";
  const { freeze, fail, failType, describe, entry, add, listOf, requireString, isObject, namespace, rethrown, toLower, StringOf,
    own, isArray, indexOfText, createObject } = S;

  const AZURE_MANAGEMENT = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
  const ADMIN_PORTALS = "MicrosoftAdminPortals";
  const APPLICATION_NAMES = freeze({ __proto__: null, [AZURE_MANAGEMENT]: "the Windows Azure Service Management API",
    [toLower(ADMIN_PORTALS)]: "the Microsoft Admin Portals", all: "all cloud apps" });

  // --- Small helpers -------------------------------------------------------------------------

  const strings = (value) => {
    const list = listOf(value, "list");
    const out = [];
    for (let i = 0; i < list.length; i++) if (typeof list[i] === "string") add(out, list[i]);
    return out;
  };
  const includesText = (list, text) => {
    const wanted = toLower(text);
    for (let i = 0; i < list.length; i++) if (toLower(list[i]) === wanted) return true;
    return false;
  };
  const joined = (list, separator) => {
    let out = "";
    for (let i = 0; i < list.length; i++) out += (i ? separator : "") + StringOf(list[i]);
    return out;
  };
  const objectAt = (object, key) => (isObject(own(object, key)) ? own(object, key) : {});
  const applicationName = (id) => APPLICATION_NAMES[toLower(id)] || "app " + id;

  function requirePolicy(policy) {
    if (!isObject(policy)) failType("expected a Conditional Access policy (an identity/conditionalAccess/policies item), got " + describe(policy));
    return policy;
  }
  function requireApiCaller(apiCaller) {
    if (typeof apiCaller !== "function") failType("expected the signature's apiCaller, got " + describe(apiCaller));
  }
  function requireUser(user) {
    if (!isObject(user) || typeof own(user, "id") !== "string") failType("expected a Graph user (with its id), got " + describe(user));
  }

  // Arguments are checked at once (a wrong one throws where the signature called); the calls'
  // failures reject the promise, naming the function.
  async function named(name, work) {
    try {
      return await work;
    } catch (thrown) {
      throw rethrown(name, thrown);
    }
  }

  // One Graph call's answer; an answer of HTTP status `absent` is null. A cloud error fails,
  // naming the call.
  async function graphAnswer(apiCaller, endpoint, params, absent) {
    const res = await apiCaller({ service: "Graph", endpoint, params });
    const first = isArray(res) && isArray(res[0]) ? res[0][0] : undefined;
    if (!isObject(first)) fail("Graph " + endpoint + ": apiCaller gave no answer");
    const error = first.error;
    if (isObject(error) && absent !== undefined && error.statusCode === absent) return null;
    if (isObject(error)) fail("Graph " + endpoint + ": " + StringOf(error.code) + ": " + StringOf(error.message));
    return first.apiResponse;
  }

  // --- What a policy's grant asks for --------------------------------------------------------

  function grantOf(policy) {
    return objectAt(policy, "grantControls");
  }

  function asksMfa(policy) {
    const grant = grantOf(policy);
    return includesText(strings(own(grant, "builtInControls")), "mfa") || isObject(own(grant, "authenticationStrength"));
  }

  function requiresMfa(policy) {
    return asksMfa(requirePolicy(policy));
  }

  // The grant controls a user may satisfy instead of MFA: with OR (Graph's default), any one
  // control grants access.
  function alternativesToMfa(policy) {
    const grant = grantOf(policy);
    if (toLower(StringOf(own(grant, "operator") || "OR")) === "and") return [];
    const out = [];
    const builtIn = strings(own(grant, "builtInControls"));
    for (let i = 0; i < builtIn.length; i++) if (toLower(builtIn[i]) !== "mfa") add(out, builtIn[i]);
    const custom = strings(own(grant, "customAuthenticationFactors"));
    for (let i = 0; i < custom.length; i++) add(out, "custom factor " + custom[i]);
    if (strings(own(grant, "termsOfUse")).length) add(out, "accepting terms of use");
    return out;
  }

  // --- Why a policy does not enforce MFA ------------------------------------------------------

  function stateGap(state) {
    if (state === "enabled") return null;
    if (state === "enabledForReportingButNotEnforced") return "it is report-only";
    if (state === "disabled") return "it is disabled";
    return "it is not enabled (state " + (typeof state === "string" ? "'" + state + "'" : describe(state)) + ")";
  }

  function applicationGaps(conditions, application, gaps) {
    const apps = objectAt(conditions, "applications");
    const included = strings(own(apps, "includeApplications")), excluded = strings(own(apps, "excludeApplications"));
    if (toLower(application) === "all") {
      if (!includesText(included, "All")) add(gaps, "it covers only some apps, not all cloud apps");
      if (excluded.length) add(gaps, "it excludes " + excluded.length + " app(s)");
    } else {
      if (!includesText(included, "All") && !includesText(included, application)) add(gaps, "it does not cover " + applicationName(application));
      if (includesText(excluded, application)) add(gaps, "it excludes " + applicationName(application));
    }
    if (isObject(own(apps, "applicationFilter"))) add(gaps, "it applies only to apps matching a filter");
  }

  // Risk levels, client apps, platforms, devices, included locations and authentication flows
  // each narrow a policy to some sign-ins. Excluding trusted locations is common practice and
  // accepted.
  function conditionGaps(conditions, gaps) {
    const clients = strings(own(conditions, "clientAppTypes"));
    if (clients.length && !includesText(clients, "all") && !(includesText(clients, "browser") && includesText(clients, "mobileAppsAndDesktopClients")))
      add(gaps, "it applies only to some client apps (" + joined(clients, ", ") + ")");
    const userRisk = strings(own(conditions, "userRiskLevels")), signInRisk = strings(own(conditions, "signInRiskLevels"));
    if (userRisk.length) add(gaps, "it applies only at user risk " + joined(userRisk, ", "));
    if (signInRisk.length) add(gaps, "it applies only at sign-in risk " + joined(signInRisk, ", "));
    const platforms = own(conditions, "platforms");
    if (isObject(platforms) && (!includesText(strings(own(platforms, "includePlatforms")), "all") || strings(own(platforms, "excludePlatforms")).length))
      add(gaps, "it applies only on some device platforms");
    const devices = objectAt(conditions, "devices");
    const includeDevices = strings(own(devices, "includeDevices"));
    if (isObject(own(devices, "deviceFilter")) || strings(own(devices, "excludeDevices")).length || (includeDevices.length && !includesText(includeDevices, "All")))
      add(gaps, "it applies only to some devices (a device filter)");
    const locations = own(conditions, "locations");
    const includeLocations = strings(own(locations, "includeLocations"));
    if (isObject(locations) && includeLocations.length && !includesText(includeLocations, "All")) add(gaps, "it applies only in some locations");
    if (strings(own(objectAt(conditions, "authenticationFlows"), "transferMethods")).length) add(gaps, "it applies only to some authentication flows");
  }

  function mfaPolicyGaps(policy, application) {
    requirePolicy(policy);
    const target = application === undefined ? "All" : requireString(application, "application");
    const gaps = [];
    if (!asksMfa(policy)) add(gaps, "it does not require MFA");
    const state = stateGap(own(policy, "state"));
    if (state !== null) add(gaps, state);
    const alternatives = alternativesToMfa(policy);
    if (asksMfa(policy) && alternatives.length) add(gaps, "MFA is one choice among its grant controls (OR): " + joined(alternatives, ", ") + " also grants access");
    const conditions = objectAt(policy, "conditions");
    applicationGaps(conditions, target, gaps);
    conditionGaps(conditions, gaps);
    return gaps;
  }

  // --- The user ----------------------------------------------------------------------------

  // What whom-a-policy-applies-to needs of a user; Graph's default user properties leave
  // userType and accountEnabled out.
  const USER_PROPERTIES = "id,displayName,userPrincipalName,userType,accountEnabled";

  function userOf(apiCaller, resource) {
    requireApiCaller(apiCaller);
    if (!isObject(resource) || typeof own(resource, "id") !== "string") failType("expected the user's resource (with its id), got " + describe(resource));
    return named("lib.entra.user", readUser(apiCaller, resource));
  }

  async function readUser(apiCaller, resource) {
    const data = own(resource, "data");
    if (isObject(data) && own(data, "userType") !== undefined && typeof own(data, "id") === "string") return data;
    const read = await graphAnswer(apiCaller, "users/{userId}", { userId: own(resource, "id"), $select: USER_PROPERTIES });
    if (!isObject(read) || typeof own(read, "id") !== "string") fail("Graph users/{userId}: the answer is no user");
    return read;
  }

  // --- Whom a policy applies to ----------------------------------------------------------------

  // The external kind of a user object (Graph's guestOrExternalUserTypes values), or null for
  // the tenant's own members. #EXT# in the user principal name marks a B2B account.
  function externalKind(user) {
    const upn = own(user, "userPrincipalName");
    const b2b = typeof upn === "string" && indexOfText(toLower(upn), "#ext#@") >= 0;
    const type = own(user, "userType");
    if (b2b) return type === "Member" ? "b2bCollaborationMember" : "b2bCollaborationGuest";
    return type === "Guest" ? "internalGuest" : null;
  }

  // Whether a guestOrExternalUsers condition names the user; `unsure` when it names external
  // tenants one by one (which tenant a guest comes from is not on the user object).
  function guestConditionNames(condition, kind) {
    if (!isObject(condition) || kind === null) return "no";
    const types = StringOf(own(condition, "guestOrExternalUserTypes") || "");
    if (!includesText(splitCommas(types), kind)) return "no";
    if (kind !== "internalGuest" && own(objectAt(condition, "externalTenants"), "membershipKind") === "enumerated") return "unsure";
    return "yes";
  }

  function splitCommas(text) {
    const out = [];
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && text[i] !== ",") continue;
      let piece = "";
      for (let k = start; k < i; k++) if (text[k] !== " ") piece += text[k];
      if (piece) add(out, piece);
      start = i + 1;
    }
    return out;
  }

  // The user's groups (nested ones included) and directory roles, from one Graph call; a user
  // Graph no longer knows belongs to nothing.
  async function membershipsOf(apiCaller, userId) {
    const answer = await graphAnswer(apiCaller, "users/{userId}/transitiveMemberOf", { userId }, 404);
    const groups = createObject(null), roles = createObject(null);
    const items = listOf(answer, "transitiveMemberOf");
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!isObject(item)) continue;
      const type = toLower(StringOf(own(item, "@odata.type") || ""));
      const name = typeof own(item, "displayName") === "string" ? own(item, "displayName") : "";
      if (type === "#microsoft.graph.group" && typeof own(item, "id") === "string") groups[toLower(own(item, "id"))] = name || own(item, "id");
      if (type === "#microsoft.graph.directoryrole" && typeof own(item, "roleTemplateId") === "string")
        roles[toLower(own(item, "roleTemplateId"))] = name || own(item, "roleTemplateId");
    }
    return { groups, roles };
  }

  // What one side (include or exclude) of a policy's users condition names of the user: a
  // reason, "" for nothing, with `unsure` set when it cannot tell.
  async function namedBy(side, users, user, memberships) {
    const ids = strings(own(users, side + "Users"));
    const kind = externalKind(user);
    if (includesText(ids, "All")) return { reason: "all users" };
    if (includesText(ids, own(user, "id"))) return { reason: "the user" };
    if (kind !== null && includesText(ids, "GuestsOrExternalUsers")) return { reason: "guests and external users" };
    const guests = guestConditionNames(own(users, side + "GuestsOrExternalUsers"), kind);
    if (guests === "yes") return { reason: "external users of kind " + kind };
    const groups = strings(own(users, side + "Groups")), roles = strings(own(users, side + "Roles"));
    if (groups.length || roles.length) {
      const held = await memberships();
      for (let i = 0; i < groups.length; i++) if (held.groups[toLower(groups[i])] !== undefined) return { reason: "group '" + held.groups[toLower(groups[i])] + "'" };
      for (let i = 0; i < roles.length; i++) if (held.roles[toLower(roles[i])] !== undefined) return { reason: "role '" + held.roles[toLower(roles[i])] + "'" };
    }
    return { reason: "", unsure: guests === "unsure" };
  }

  function policyAppliesTo(apiCaller, policy, user) {
    requireApiCaller(apiCaller);
    requirePolicy(policy);
    requireUser(user);
    return named("lib.entra.policyAppliesTo", applies(apiCaller, policy, user, null));
  }

  // `memberships`: a function giving the user's memberships, fetched at most once (null: this
  // call's own).
  async function applies(apiCaller, policy, user, memberships) {
    if (memberships === null) memberships = once(() => membershipsOf(apiCaller, own(user, "id")));
    const users = objectAt(objectAt(policy, "conditions"), "users");
    const included = await namedBy("include", users, user, memberships);
    if (!included.reason) {
      const why = included.unsure ? "it names guests of particular external tenants, and the user's tenant is not known" : "it does not include the user";
      return { included: false, excluded: false, why };
    }
    const excluded = await namedBy("exclude", users, user, memberships);
    if (excluded.unsure) excluded.reason = "guests of particular external tenants (perhaps the user's)";
    return { included: true, excluded: !!excluded.reason, why: "it includes " + included.reason + (excluded.reason ? " but excludes " + excluded.reason : "") };
  }

  function once(make) {
    let promise = null;
    return () => promise || (promise = make());
  }

  // --- One user's verdict over the tenant --------------------------------------------------------

  function mfaCoverage(apiCaller, user, application) {
    requireApiCaller(apiCaller);
    requireUser(user);
    const target = application === undefined ? "All" : requireString(application, "application");
    return named("lib.entra.mfaCoverage", coverage(apiCaller, user, target));
  }

  async function coverage(apiCaller, user, application) {
    const defaults = await graphAnswer(apiCaller, "policies/identitySecurityDefaultsEnforcementPolicy", {});
    if (own(defaults, "isEnabled") === true) return { covered: true, by: "security defaults", gaps: [] };
    const policies = listOf(await graphAnswer(apiCaller, "identity/conditionalAccess/policies", {}), "policies");
    const memberships = once(() => membershipsOf(apiCaller, own(user, "id")));
    const gaps = [];
    for (let i = 0; i < policies.length; i++) {
      const policy = policies[i];
      if (!isObject(policy) || !asksMfa(policy)) continue;
      const reach = await applies(apiCaller, policy, user, memberships);
      if (!reach.included) continue;
      const reasons = mfaPolicyGaps(policy, application);
      if (reach.excluded) add(reasons, reach.why);
      const name = "Conditional Access policy '" + StringOf(own(policy, "displayName") || own(policy, "id")) + "'";
      if (!reasons.length) return { covered: true, by: name, gaps: [] };
      add(gaps, name + ": " + joined(reasons, ", "));
    }
    return { covered: false, by: null, gaps };
  }

  // --- A group's users ---------------------------------------------------------------------

  function groupUsers(apiCaller, groupId) {
    requireApiCaller(apiCaller);
    requireString(groupId, "groupId");
    return named("lib.entra.groupUsers", usersOfGroup(apiCaller, groupId));
  }

  async function usersOfGroup(apiCaller, groupId) {
    const members = listOf(await graphAnswer(apiCaller, "groups/{groupId}/transitiveMembers", { groupId }, 404), "transitiveMembers");
    const users = [];
    for (let i = 0; i < members.length; i++)
      if (isObject(members[i]) && toLower(StringOf(own(members[i], "@odata.type") || "")) === "#microsoft.graph.user") add(users, members[i]);
    return users;
  }

  const entra = {
    //: lib.entra.AZURE_MANAGEMENT
    //: The application id Conditional Access names the Windows Azure Service Management API by (the Azure portal, CLI, PowerShell and Resource Manager): "797f4846-ba00-4fd7-ba43-dac1f8f63013".
    AZURE_MANAGEMENT,

    //: lib.entra.ADMIN_PORTALS
    //: The application Conditional Access names the Microsoft admin portals by: "MicrosoftAdminPortals".
    ADMIN_PORTALS,

    //: lib.entra.user(apiCaller, resource) -> Promise<user>
    //: A Graph user resource's user object with what Conditional Access judges it by (id, userPrincipalName, userType, accountEnabled): its listing's item (resource.data) when that has userType, else read again by id with those properties selected (Graph's default properties leave them out). A cloud error rejects with an Error naming the call.
    //: e.g. const user = await lib.entra.user(apiCaller, resource)
    //: calls: Graph.users/{userId}
    user: entry("entra.user", userOf),

    //: lib.entra.requiresMfa(policy) -> boolean
    //: Whether a Conditional Access policy's grant asks for MFA (the built-in control "mfa", or an authentication strength), whatever its state and conditions.
    //: e.g. lib.entra.requiresMfa(resource.data)
    requiresMfa: entry("entra.requiresMfa", requiresMfa),

    //: lib.entra.mfaPolicyGaps(policy, application = "All") -> [reason]
    //: Why a Conditional Access policy does not really require MFA for `application` (all cloud apps, an app id, lib.entra.AZURE_MANAGEMENT, lib.entra.ADMIN_PORTALS), as sentences (empty: it does): no MFA (or an authentication strength) in its grant; not enabled (report-only, disabled); MFA one choice among OR'ed controls; apps not covered or excluded, an app filter; some client app types only; user or sign-in risk levels; platforms, device filters, included locations other than All, authentication flows. Whom it applies to is policyAppliesTo's question; excluded locations are accepted.
    //: e.g. lib.entra.mfaPolicyGaps(policy, lib.entra.AZURE_MANAGEMENT)
    mfaPolicyGaps: entry("entra.mfaPolicyGaps", mfaPolicyGaps),

    //: lib.entra.policyAppliesTo(apiCaller, policy, user) -> Promise<{ included, excluded, why }>
    //: Whether a Conditional Access policy's users condition includes a Graph user, and whether it excludes them again, with why as a sentence: All users, the user's id, guests and external users (GuestsOrExternalUsers, or the kinds guestOrExternalUserTypes names; guests of tenants named one by one are never taken as included and always as excluded), groups with nested groups and directory roles by role template id (one users/{id}/transitiveMemberOf call, made only when the policy names groups or roles; a user Graph no longer knows belongs to none). A cloud error rejects with an Error naming the call.
    //: e.g. const { included, excluded, why } = await lib.entra.policyAppliesTo(apiCaller, policy, resource.data)
    //: calls: Graph.users/{userId}/transitiveMemberOf
    policyAppliesTo: entry("entra.policyAppliesTo", policyAppliesTo),

    //: lib.entra.mfaCoverage(apiCaller, user, application = "All") -> Promise<{ covered, by, gaps }>
    //: Whether a user must use MFA when signing in to `application`: security defaults on (by "security defaults"), or an enforced Conditional Access policy that applies to the user and has no mfaPolicyGaps (by "Conditional Access policy 'NAME'"). Otherwise covered is false and gaps says, per policy that asks for MFA and includes the user, what keeps it from counting. A cloud error rejects with an Error naming the call.
    //: e.g. const { covered, by, gaps } = await lib.entra.mfaCoverage(apiCaller, user, lib.entra.ADMIN_PORTALS)
    //: calls: Graph.policies/identitySecurityDefaultsEnforcementPolicy Graph.identity/conditionalAccess/policies Graph.users/{userId}/transitiveMemberOf
    mfaCoverage: entry("entra.mfaCoverage", mfaCoverage),

    //: lib.entra.groupUsers(apiCaller, groupId) -> Promise<[user]>
    //: The users in a group, through nested groups too (Graph groups/{id}/transitiveMembers, as Graph gives them: default properties, so no userType or accountEnabled); [] for a group that no longer exists. A cloud error rejects with an Error naming the call.
    //: e.g. (await lib.entra.groupUsers(apiCaller, assignment.principalId)).map((u) => u.id)
    //: calls: Graph.groups/{groupId}/transitiveMembers
    groupUsers: entry("entra.groupUsers", groupUsers),
  };

  return { api: namespace(entra) };
});
