// A user is asked for MFA at every sign-in when security defaults are on, or when an enforced
// Conditional Access policy requires MFA on all cloud apps for every client and applies to the
// user (directly, through a group or a directory role, or as a guest) without excluding them.
module.exports = async function (apiCaller, resource) {
  const graph = async (endpoint, params) => {
    const res = await apiCaller({ service: "Graph", endpoint, params: params || {} });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    return apiResponse;
  };
  let user = resource.data || {};
  if (user.userType === undefined) {
    // Graph's user listing leaves userType out unless it is selected.
    user = await graph("users/{userId}", { userId: resource.id, $select: "id,userPrincipalName,userType" });
  }
  const upn = user.userPrincipalName || resource.name;
  const isGuest = user.userType === "Guest" || (!user.userType && /#EXT#@/i.test(upn || ""));

  const defaults = await graph("policies/identitySecurityDefaultsEnforcementPolicy");
  if (defaults && defaults.isEnabled === true) return { statusSig: true, statusMessage: "Security defaults are enabled: " + upn + " must use MFA" };

  // Group membership, nested groups included (a policy naming a deleted group includes nobody).
  const memberOf = {};
  const inGroup = async (groupId, seen = new Set()) => {
    if (seen.has(groupId)) return false;
    seen.add(groupId);
    if (memberOf[groupId] !== undefined) return memberOf[groupId];
    const res = await apiCaller({ service: "Graph", endpoint: "groups/{groupId}/members", params: { groupId } });
    const { apiResponse, error } = res[0][0];
    if (error && error.statusCode === 404) return (memberOf[groupId] = false);
    if (error) throw new Error(error.code + ": " + error.message);
    let found = false;
    for (const m of apiResponse || []) {
      if (m.id === user.id || m.id === resource.id) found = true;
      else if (/group$/i.test(m["@odata.type"] || "") && (await inGroup(m.id, seen))) found = true;
      if (found) break;
    }
    return (memberOf[groupId] = found);
  };
  // Directory roles by template id (the id Conditional Access names roles by).
  let roles = null;
  const holdsRole = async (templateId) => {
    if (!roles) roles = (await graph("directoryRoles")) || [];
    const role = roles.find((r) => r.roleTemplateId === templateId);
    if (!role) return false;
    const members = (await graph("directoryRoles/{roleId}/members", { roleId: role.id })) || [];
    return members.some((m) => m.id === user.id || m.id === resource.id);
  };
  const names = async (users, groups, roleIds, guests) => {
    users = users || [];
    if (users.includes("All") || users.includes(user.id || resource.id)) return true;
    if (isGuest && (users.includes("GuestsOrExternalUsers") || (guests && guests.guestOrExternalUserTypes))) return true;
    for (const g of groups || []) if (await inGroup(g)) return true;
    for (const r of roleIds || []) if (await holdsRole(r)) return true;
    return false;
  };

  const policies = (await graph("identity/conditionalAccess/policies")) || [];
  const gaps = [];
  for (const p of policies) {
    const grant = p.grantControls || {};
    const controls = (grant.builtInControls || []).length + (grant.customAuthenticationFactors || []).length + (grant.termsOfUse || []).length + (grant.authenticationStrength ? 1 : 0);
    const asksMfa = (grant.builtInControls || []).includes("mfa") || !!grant.authenticationStrength;
    // With OR and another control to choose, MFA is not required.
    if (!asksMfa || (controls > 1 && String(grant.operator).toUpperCase() !== "AND")) continue;
    const c = p.conditions || {};
    const u = c.users || {};
    if (!(await names(u.includeUsers, u.includeGroups, u.includeRoles, u.includeGuestsOrExternalUsers))) continue;
    const why = [];
    if (p.state !== "enabled") why.push(p.state === "enabledForReportingButNotEnforced" ? "report-only" : p.state || "not enabled");
    if (await names(u.excludeUsers, u.excludeGroups, u.excludeRoles, u.excludeGuestsOrExternalUsers)) why.push("excludes the user");
    const apps = c.applications || {};
    if (!(apps.includeApplications || []).includes("All")) why.push("not on all cloud apps");
    if ((apps.excludeApplications || []).length) why.push("excludes " + apps.excludeApplications.length + " app(s)");
    const clients = c.clientAppTypes || ["all"];
    if (!clients.includes("all") && !(clients.includes("browser") && clients.includes("mobileAppsAndDesktopClients"))) why.push("only for some client apps");
    // Risk levels, platforms, devices and included locations narrow the policy to some sign-ins;
    // excluding trusted locations is common practice and accepted.
    if ((c.userRiskLevels || []).length || (c.signInRiskLevels || []).length) why.push("only for risky sign-ins");
    if (c.platforms && !((c.platforms.includePlatforms || []).includes("all") && !(c.platforms.excludePlatforms || []).length)) why.push("only on some platforms");
    if (c.devices && c.devices.deviceFilter) why.push("only for some devices");
    if (c.locations && !(c.locations.includeLocations || []).includes("All")) why.push("only in some locations");
    if (!why.length) return { statusSig: true, statusMessage: "Conditional Access policy '" + p.displayName + "' requires MFA for " + upn };
    gaps.push("'" + p.displayName + "': " + why.join(", "));
  }
  return {
    statusSig: false,
    statusMessage: "Nothing requires MFA for " + upn + (user.accountEnabled === false ? " (account disabled)" : "") +
      " at every sign-in: security defaults are off and no enforced Conditional Access policy covers the user" +
      (gaps.length ? " (" + gaps.join("; ") + ")" : ""),
  };
};
