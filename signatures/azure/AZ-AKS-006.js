// securityProfile.defender.securityMonitoring.enabled: the Defender sensor in the cluster.
module.exports = async function (apiCaller, resource) {
  const defender = ((((resource.data || {}).properties || {}).securityProfile) || {}).defender || {};
  const on = (defender.securityMonitoring || {}).enabled === true;
  return { statusSig: on, statusMessage: on ? "The Microsoft Defender sensor is enabled" : "The Microsoft Defender sensor is not enabled" };
};
