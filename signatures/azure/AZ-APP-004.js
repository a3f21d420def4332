// http20Enabled: absent means false.
module.exports = async function (apiCaller, resource, lib) {
  // The site's web config is a resource of its own ({site}/config/web): lib.azure.item reads it by its id.
  const on = ((await lib.azure.item(apiCaller, { id: resource.id + "/config/web", service: "Microsoft.Web" })).properties || {}).http20Enabled === true;
  return { statusSig: on, statusMessage: "HTTP/2 is " + (on ? "on" : "off") };
};
