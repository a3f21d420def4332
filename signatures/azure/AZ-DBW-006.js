// properties.privateEndpointConnections (absent: none): only an Approved connection carries
// traffic (databricks_ui_api for the web UI and REST API, browser_authentication for sign-in).
module.exports = async function (apiCaller, resource, lib) {
  return lib.azure.privateEndpointVerdict(await lib.azure.item(apiCaller, resource), "workspace");
};
