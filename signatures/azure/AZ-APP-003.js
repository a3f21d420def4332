// ftpsState: AllAllowed (FTP and FTPS; the default when absent), FtpsOnly or Disabled.
module.exports = async function (apiCaller, resource, lib) {
  // The site's web config is a resource of its own ({site}/config/web): lib.azure.item reads it by its id.
  const state = ((await lib.azure.item(apiCaller, { id: resource.id + "/config/web", service: "Microsoft.Web" })).properties || {}).ftpsState || "AllAllowed";
  if (state === "AllAllowed") return { statusSig: false, statusMessage: "FTP state is AllAllowed: deployment over unencrypted FTP is accepted" };
  return { statusSig: true, statusMessage: "FTP state is " + state };
};
