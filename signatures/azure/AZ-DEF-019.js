// Attack path notifications exist from securityContacts API version 2023-12-01-preview on (older
// versions have no such setting, so the version is asked for): notificationsSources holds
// { sourceType: "AttackPath", minimalRiskLevel: Low | Medium | High | Critical } on a contact
// that isEnabled. High or lower passes; Critical alone leaves High-risk paths unreported.
const LEVELS = ["Low", "Medium", "High", "Critical"];

module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "Microsoft.Security", endpoint: "providers/Microsoft.Security/securityContacts",
                                serviceParams: { apiVersion: "2023-12-01-preview" } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const contacts = Array.isArray(apiResponse) ? apiResponse : [];
  if (!contacts.length) return { statusSig: false, statusMessage: "The subscription has no security contact: attack paths are emailed to nobody" };
  const found = [];
  for (const contact of contacts) {
    const p = contact.properties || {};
    const source = (Array.isArray(p.notificationsSources) ? p.notificationsSources : []).find((s) => s && s.sourceType === "AttackPath");
    if (!source) continue;
    const level = source.minimalRiskLevel;
    if (p.isEnabled === false) found.push(contact.name + " (disabled)");
    else if (LEVELS.indexOf(level) >= 0 && LEVELS.indexOf(level) <= LEVELS.indexOf("High"))
      return { statusSig: true, statusMessage: "Security contact " + contact.name + " emails attack paths of risk level " + level + " or higher" };
    else found.push(contact.name + " (" + (level ? "only " + level : "no risk level") + ")");
  }
  if (found.length) return { statusSig: false, statusMessage: "Attack paths of High risk are emailed to nobody: " + found.join(", ") };
  return { statusSig: false, statusMessage: "No security contact is notified about attack paths" };
};
