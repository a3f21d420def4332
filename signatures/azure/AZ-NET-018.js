// An HTTP listener is fine when each routing rule that uses it redirects (redirectConfiguration)
// rather than sending the request to a backend. Path-based rules redirect only if their URL path map does
// throughout; they are judged by their map's default and its path rules.
module.exports = async function (apiCaller, resource, lib) {
  const gateway = await lib.azure.item(apiCaller, resource);
  const props = gateway.properties || {};
  const key = (x) => String((x || {}).id || "").toLowerCase();
  const maps = new Map((props.urlPathMaps || []).map((m) => [key(m), m.properties || {}]));
  const redirectsOnly = (rule) => {
    const r = rule.properties || {};
    if (r.redirectConfiguration) return true;
    const map = maps.get(key(r.urlPathMap));
    if (!map) return false;
    return !!map.defaultRedirectConfiguration && (map.pathRules || []).every((p) => (p.properties || {}).redirectConfiguration);
  };
  const rules = props.requestRoutingRules || [];
  const serving = [];
  for (const listener of props.httpListeners || []) {
    if (String((listener.properties || {}).protocol || "").toLowerCase() !== "http") continue;
    const using = rules.filter((r) => key((r.properties || {}).httpListener) === key(listener));
    const plain = using.filter((r) => !redirectsOnly(r)).map((r) => r.name);
    if (plain.length) serving.push("listener " + listener.name + " (rule " + plain.join(", ") + ")");
  }
  if (serving.length) return { statusSig: false, statusMessage: "The application gateway serves plain HTTP through the " + serving.join("; ") };
  return { statusSig: true, statusMessage: "The application gateway serves no application over plain HTTP" };
};
