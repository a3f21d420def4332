// networkAcls.defaultAction: what happens to a request no firewall rule matches. Absent
// networkAcls (or action) means Allow, Azure's default.
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  const acls = props.networkAcls || {};
  const action = acls.defaultAction || "Allow";
  if (String(action).toLowerCase() === "deny") {
    const ips = (acls.ipRules || []).length, vnets = (acls.virtualNetworkRules || []).length;
    return { statusSig: true, statusMessage: "Default network action is Deny (" + ips + " IP rule(s), " + vnets + " virtual network rule(s) allowed)" };
  }
  return {
    statusSig: false,
    statusMessage: "Default network action is " + action + (acls.defaultAction ? "" : " (not set: Azure's default)") + ": requests from any network are accepted" +
      (String(props.publicNetworkAccess || "").toLowerCase() === "disabled" ? " once public network access is enabled again" : ""),
  };
};
