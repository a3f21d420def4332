// The app's and its Kudu (SCM) site's minimum TLS versions, from the site's web config;
// absent means App Service's default, 1.2.
module.exports = async function (apiCaller, resource, lib) {
  // The site's web config is a resource of its own ({site}/config/web): lib.azure.item reads it by its id.
  const config = (await lib.azure.item(apiCaller, { id: resource.id + "/config/web", service: "Microsoft.Web" })).properties || {};
  const app = String(config.minTlsVersion || "1.2"), scm = String(config.scmMinTlsVersion || "1.2");
  const old = [];
  if (!lib.azure.tlsAtLeast(app, "1.2")) old.push("the app accepts TLS " + app);
  if (!lib.azure.tlsAtLeast(scm, "1.2")) old.push("its SCM (Kudu) site accepts TLS " + scm);
  if (old.length) return { statusSig: false, statusMessage: old.join("; ").replace(/^./, (c) => c.toUpperCase()) };
  return { statusSig: true, statusMessage: "Minimum TLS " + app + " (SCM site " + scm + ")" };
};
