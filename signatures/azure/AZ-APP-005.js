// remoteDebuggingEnabled: absent means false.
module.exports = async function (apiCaller, resource, lib) {
  // The site's web config is a resource of its own ({site}/config/web): lib.azure.item reads it by its id.
  const config = (await lib.azure.item(apiCaller, { id: resource.id + "/config/web", service: "Microsoft.Web" })).properties || {};
  if (config.remoteDebuggingEnabled === true)
    return { statusSig: false, statusMessage: "Remote debugging is on" + (config.remoteDebuggingVersion ? " (" + config.remoteDebuggingVersion + ")" : "") };
  return { statusSig: true, statusMessage: "Remote debugging is off" };
};
