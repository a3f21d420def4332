// The function's IAM policy (projects.locations.functions.getIamPolicy, a GET of v1/NAME:getIamPolicy);
// lib.gcp.publicMembers lists its grants to allUsers and allAuthenticatedUsers.
// A Discovery document from before the method existed (cloudfunctions v1 revisions of 2018) does not
// know it; the same request is then sent as the path NAME:getIamPolicy, which functions.get's {+name} reads.
async function iamPolicy(apiCaller, name) {
  const ask = (endpoint, params) => apiCaller({ service: "cloudfunctions", serviceParams: { apiVersion: "v1" }, endpoint, params });
  let answer;
  try {
    answer = await ask("projects.locations.functions.getIamPolicy", { resource: name });
  } catch (e) {
    if (!/has no method/.test(String((e && e.message) || e))) throw e;
    answer = await ask("projects.locations.functions.get", { name: name + ":getIamPolicy" });
  }
  const [[{ apiResponse, error }]] = answer;
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}

module.exports = async function (apiCaller, resource, lib) {
  const fn = resource.data;
  if (!fn.httpsTrigger) return { statusSig: true, statusMessage: "Event-triggered (" + ((fn.eventTrigger || {}).eventType || "no HTTP trigger") + "): no URL to invoke" };
  const grants = lib.gcp.publicMembers(await iamPolicy(apiCaller, fn.name));
  if (grants.length) return { statusSig: false, statusMessage: "Public grants: " + grants.map((g) => g.member + " as " + g.role).join(", ") };
  return { statusSig: true, statusMessage: "No grant to allUsers or allAuthenticatedUsers" };
};
