module.exports = async function (apiCaller, resource, lib) {
  const cluster = resource.data;
  // "default" (or no account) means the Compute Engine default service account.
  const isDefault = (sa) => !sa || sa === "default" || /^\d+-compute@developer\.gserviceaccount\.com$/.test(sa);
  const bad = lib.gcp.nodePools(cluster).filter((p) => isDefault(p.config.serviceAccount)).map((p) => p.name);
  if (bad.length) return { statusSig: false, statusMessage: "Node pool(s) on the default service account: " + bad.join(", ") };
  return { statusSig: true, statusMessage: "Nodes run as " + [...new Set(lib.gcp.nodePools(cluster).map((p) => p.config.serviceAccount))].join(", ") };
};
