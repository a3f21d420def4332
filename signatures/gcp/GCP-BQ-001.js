// data.access is the dataset's access list (datasets.get); lib.gcp.publicMembers finds its entries for
// allUsers and allAuthenticatedUsers (specialGroup or iamMember).
module.exports = async function (apiCaller, resource, lib) {
  const grants = lib.gcp.publicMembers(resource.data.access || []);
  if (grants.length) return { statusSig: false, statusMessage: "Public access: " + grants.map((g) => g.member + " as " + g.role).join(", ") };
  return { statusSig: true, statusMessage: "No access entry for allUsers or allAuthenticatedUsers" };
};
