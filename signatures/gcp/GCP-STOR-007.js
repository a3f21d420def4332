// A valid rule has action.type and a non-empty condition.
module.exports = async function (apiCaller, resource) {
  const rules = ((resource.data.lifecycle || {}).rule) || [];
  const valid = rules.filter((r) => r && r.action && r.action.type && r.condition && Object.keys(r.condition).length > 0);
  if (valid.length === 0) return { statusSig: false, statusMessage: rules.length ? "No lifecycle rule has both an action and a condition" : "No lifecycle rules" };
  return { statusSig: true, statusMessage: valid.length + " rule(s): " + valid.map((r) => r.action.type + " when " + Object.keys(r.condition).join("+")).join(", ") };
};
