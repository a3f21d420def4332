module.exports = async function (apiCaller, resource) {
  const on = (resource.data.versioning || {}).enabled === true;
  return { statusSig: on, statusMessage: "Object Versioning is " + (on ? "on" : "off") };
};
