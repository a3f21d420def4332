// resource.data is the job definition as DescribeJobDefinitions listed it.
const containersOf = (definition) => [definition.containerProperties, ...((definition.nodeProperties || {}).nodeRangeProperties || []).map((n) => n.container),
                                      ...((definition.ecsProperties || {}).taskProperties || []).flatMap((t) => t.containers || [])].filter(Boolean);
const CREDENTIALS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

module.exports = async function (apiCaller, resource) {
  const found = [];
  for (const c of containersOf(resource.data || {}))
    for (const v of c.environment || []) if (CREDENTIALS.includes(String(v.name).toUpperCase())) found.push(v.name);
  return found.length ? { statusSig: false, statusMessage: found.join(", ") } : { statusSig: true };
};
