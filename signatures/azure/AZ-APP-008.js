// A diagnostic setting of the app with the AppServiceHTTPLogs category (or the allLogs group)
// enabled and a destination. Function apps (kind functionapp) offer no such category: their
// requests are logged through FunctionAppLogs and Application Insights.
module.exports = async function (apiCaller, resource, lib) {
  const kind = String((resource.data || {}).kind || "");
  if (/functionapp/i.test(kind))
    return { statusSig: true, statusMessage: "A function app (" + kind + "): App Service's HTTP logs category does not apply to it" };
  const { delivered, undelivered } = await lib.azure.logDelivery(apiCaller, resource, ["AppServiceHTTPLogs", "allLogs"]);
  if (delivered.length)
    return { statusSig: true, statusMessage: "HTTP logs go to " + delivered.map((d) => d.destination + " (diagnostic setting " + d.name + ")").join(", ") };
  if (!undelivered.length) return { statusSig: false, statusMessage: "The app has no diagnostic setting: its HTTP logs are not kept" };
  return { statusSig: false, statusMessage: "No diagnostic setting sends the app's HTTP logs: " + undelivered.map((u) => u.name + " (" + u.why + ")").join(", ") };
};
