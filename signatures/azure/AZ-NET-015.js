// CIS 7.13: properties.enableHttp2 (absent: false, the API's default).
module.exports = async function (apiCaller, resource, lib) {
  const gateway = await lib.azure.item(apiCaller, resource);
  const on = (gateway.properties || {}).enableHttp2 === true;
  return { statusSig: on, statusMessage: on ? "HTTP/2 is enabled on the application gateway" : "HTTP/2 is off on the application gateway (enableHttp2 is not true)" };
};
