// A container is readable anonymously when its publicAccess is Blob or Container (absent: None)
// and its account does not disallow anonymous access (allowBlobPublicAccess absent: allowed).
module.exports = async function (apiCaller, resource, lib) {
  const container = await lib.azure.item(apiCaller, resource);
  const level = String((container.properties || {}).publicAccess || "None");
  if (level.toLowerCase() === "none") return { statusSig: true, statusMessage: "The container's public access level is Private" };

  const m = /^(.*\/storageAccounts\/[^/]+)\/blobServices\//i.exec(resource.id);
  if (!m) throw new Error("cannot tell the storage account of " + resource.id);
  // The account is not this resource: read it by its id (a resource without data is read).
  const account = await lib.azure.item(apiCaller, { id: m[1], service: "Microsoft.Storage" });
  const name = account.name || m[1].split("/").pop();
  if ((account.properties || {}).allowBlobPublicAccess === false)
    return { statusSig: true, statusMessage: "The container's public access level is " + level + ", but account " + name + " disallows anonymous access, which overrides it" };
  const what = level.toLowerCase() === "container" ? "anyone can list and read its blobs" : "anyone can read its blobs by name";
  return { statusSig: false, statusMessage: "The container's public access level is " + level + " and account " + name + " allows anonymous access: " + what };
};
