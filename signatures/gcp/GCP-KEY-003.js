// CIS Google Cloud 1.14 (v4.0) / 1.15 (v5.0): the key's restrictions.apiTargets name the APIs it
// may call; none named means every API, and so does cloudapis.googleapis.com (all Google Cloud APIs).
const ALL_CLOUD_APIS = "cloudapis.googleapis.com";

module.exports = async function (apiCaller, resource) {
  const key = resource.data || {};
  const label = (key.displayName ? '"' + key.displayName + '" ' : "") + "(" + resource.name + ")";
  const targets = ((key.restrictions || {}).apiTargets || []).map((t) => String(t.service || "").toLowerCase()).filter((s) => s);
  if (targets.length === 0) return { statusSig: false, statusMessage: "API key " + label + " has no API restriction: it can call any API enabled in the project" };
  if (targets.includes(ALL_CLOUD_APIS)) return { statusSig: false, statusMessage: "API key " + label + " may call all Google Cloud APIs (" + ALL_CLOUD_APIS + ")" };
  return { statusSig: true, statusMessage: "API key " + label + " may call only " + targets.join(", ") };
};
