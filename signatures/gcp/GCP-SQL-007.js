module.exports = async function (apiCaller, resource) {
  const on = (resource.data.settings || {}).deletionProtectionEnabled === true;
  return { statusSig: on, statusMessage: "Deletion protection is " + (on ? "on" : "off") };
};
