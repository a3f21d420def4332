// CIS 7.15: a managed rule set of type Microsoft_BotManagerRuleSet among managedRules.managedRuleSets.
module.exports = async function (apiCaller, resource, lib) {
  const policy = await lib.azure.item(apiCaller, resource);
  const sets = (((policy.properties || {}).managedRules || {}).managedRuleSets || []);
  const bot = sets.find((s) => String(s.ruleSetType || "").toLowerCase() === "microsoft_botmanagerruleset");
  if (bot) return { statusSig: true, statusMessage: "The WAF policy has the bot protection rule set (Microsoft_BotManagerRuleSet " + (bot.ruleSetVersion || "") + ")" };
  const names = sets.map((s) => s.ruleSetType + " " + (s.ruleSetVersion || "")).join(", ");
  return { statusSig: false, statusMessage: "The WAF policy has no bot protection rule set" + (names ? " (only " + names.trim() + ")" : "") };
};
