// httpsOnly: absent means false (plain HTTP is served).
module.exports = async function (apiCaller, resource) {
  const httpsOnly = (((resource.data || {}).properties || {}).httpsOnly) === true;
  return { statusSig: httpsOnly, statusMessage: httpsOnly ? "HTTPS Only is on: HTTP requests are redirected to HTTPS" : "HTTPS Only is off: the app answers plain HTTP" };
};
