module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  const on = (cluster.legacyAbac || {}).enabled === true;
  return { statusSig: !on, statusMessage: "Legacy ABAC is " + (on ? "on" : "off") };
};
