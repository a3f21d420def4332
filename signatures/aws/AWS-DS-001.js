// The directory's log subscriptions (ListLogSubscriptions).
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "DirectoryService", endpoint: "listLogSubscriptions", params: { DirectoryId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const subscriptions = Array.isArray(apiResponse) ? apiResponse : apiResponse.LogSubscriptions || [];
  return subscriptions.length ? { statusSig: true, statusMessage: "Logs to " + subscriptions.map((s) => s.LogGroupName).join(", ") } : { statusSig: false };
};
