module.exports = async function (apiCaller, resource) {
  const on = (resource.data.shieldedInstanceConfig || {}).enableSecureBoot === true;
  return { statusSig: on, statusMessage: "Secure Boot is " + (on ? "on" : "off") };
};
