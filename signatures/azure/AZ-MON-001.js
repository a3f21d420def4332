// The accounts that receive activity logs: the subscription's diagnostic settings and its (legacy)
// log profiles name them in storageAccountId. The logs land in containers named insights-*
// (insights-activity-logs, insights-operational-logs). allowBlobPublicAccess false closes every
// container; absent, a container is public only where its publicAccess says so.
module.exports = async function (apiCaller, resource, lib) {
  const list = async (endpoint) => {
    const res = await apiCaller({ service: "Microsoft.Insights", endpoint });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    return Array.isArray(apiResponse) ? apiResponse : [];
  };
  const [settings, profiles] = await Promise.all([
    list("providers/Microsoft.Insights/diagnosticSettings"),
    list("providers/Microsoft.Insights/logProfiles"),
  ]);
  const me = String(resource.id).toLowerCase();
  const exports = settings.concat(profiles).filter((s) => String((s.properties || {}).storageAccountId || "").toLowerCase() === me);
  if (!exports.length) return { statusSig: true, statusMessage: "The storage account receives no activity logs" };
  const via = exports.map((s) => (s.type && /logprofiles/i.test(s.type) ? "log profile " : "diagnostic setting ") + s.name).join(", ");

  const account = (await lib.azure.item(apiCaller, resource)).properties || {};
  if (account.allowBlobPublicAccess === false)
    return { statusSig: true, statusMessage: "The storage account receives activity logs (" + via + ") and allows no anonymous blob access" };
  const res = await apiCaller({ service: "Microsoft.Storage", endpoint: "{id}/blobServices/default/containers", params: { id: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const open = (Array.isArray(apiResponse) ? apiResponse : [])
    .filter((c) => /^insights-/i.test(c.name || "") && ["blob", "container"].includes(String((c.properties || {}).publicAccess || "None").toLowerCase()))
    .map((c) => c.name + " (" + c.properties.publicAccess + ")");
  if (open.length)
    return { statusSig: false, statusMessage: "The storage account receives activity logs (" + via + ") and anonymous users can read its container(s) " + open.join(", ") };
  if (account.allowBlobPublicAccess === true)
    return { statusSig: false, statusMessage: "The storage account receives activity logs (" + via + ") and allows anonymous blob access: any container can be made public" };
  return { statusSig: true, statusMessage: "The storage account receives activity logs (" + via + ") and none of its log containers is public" };
};
