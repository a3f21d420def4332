// resource.data is the job definition as DescribeJobDefinitions listed it.
const containersOf = (definition) => [definition.containerProperties, ...((definition.nodeProperties || {}).nodeRangeProperties || []).map((n) => n.container),
                                      ...((definition.ecsProperties || {}).taskProperties || []).flatMap((t) => t.containers || [])].filter(Boolean);

module.exports = async function (apiCaller, resource) {
  const privileged = containersOf(resource.data || {}).filter((c) => c.privileged === true);
  return privileged.length ? { statusSig: false, statusMessage: privileged.length + " privileged container(s)" } : { statusSig: true };
};
