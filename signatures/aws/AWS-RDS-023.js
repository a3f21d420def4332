// resource.data is the region's event subscriptions (DescribeEventSubscriptions, one resource
// per region); a hand-written resource without it is listed here.
module.exports = async function (apiCaller, resource) {
  let subscriptions = resource.data;
  if (!Array.isArray(subscriptions)) {
    const res = await apiCaller({ service: "RDS", endpoint: "describeEventSubscriptions", params: {}, serviceParams: { region: resource.region } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    subscriptions = apiResponse;
  }
  const needed = ["configuration change"];
  // An empty category list subscribes to every category of the source type.
  const covering = subscriptions.filter((s) => s.Enabled && s.SourceType === "db-parameter-group" &&
    needed.every((c) => !s.EventCategoriesList || s.EventCategoriesList.length === 0 || s.EventCategoriesList.includes(c)));
  if (covering.length) return { statusSig: true, statusMessage: "Notified through " + covering.map((s) => s.CustSubscriptionId).join(", ") };
  return { statusSig: false, statusMessage: "No enabled subscription sends db-parameter-group events for " + needed.join(", ") };
};
