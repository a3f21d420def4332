// CIS Google Cloud 1.9 (v4.0) / 1.10 (v5.0): no role on the key is granted to allUsers or
// allAuthenticatedUsers, neither in the key's own IAM policy nor in its key ring's, which every
// key of the ring inherits. getIamPolicy answers a policy (perhaps without bindings) for every
// existing key or ring; NOT_FOUND (the key ring or key is gone since it was listed) grants nothing.
module.exports = async function (apiCaller, resource, lib) {
  const policyOf = async (name) => {
    const [[{ apiResponse, error }]] = await apiCaller({
      service: "cloudkms",
      endpoint: name.includes("/cryptoKeys/") ? "projects.locations.keyRings.cryptoKeys.getIamPolicy" : "projects.locations.keyRings.getIamPolicy",
      params: { resource: name },
      serviceParams: { apiVersion: "v1" },
    });
    if (error && (error.statusCode === 404 || error.code === "NOT_FOUND")) return null;
    if (error) throw new Error(error.code + ": " + error.message);
    return apiResponse;
  };
  const key = String(resource.id);
  const ring = key.split("/cryptoKeys/")[0];
  const [keyPolicy, ringPolicy] = await Promise.all([policyOf(key), policyOf(ring)]);
  const open = lib.gcp.publicMembers(keyPolicy).map((g) => g.member + " as " + g.role + " on the key")
    .concat(lib.gcp.publicMembers(ringPolicy).map((g) => g.member + " as " + g.role + " on key ring " + ring.split("/").pop()));
  if (!open.length) return { statusSig: true, statusMessage: "Key " + resource.name + " is granted to no public member, on the key or its key ring" };
  return { statusSig: false, statusMessage: "Key " + resource.name + " is open to everyone: " + open.join(", ") };
};
