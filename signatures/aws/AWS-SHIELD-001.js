// resource.data is the account's GetSubscriptionState answer.
module.exports = async function (apiCaller, resource) {
  const state = resource.data && resource.data.SubscriptionState;
  if (state && state !== "ACTIVE") return { statusSig: true, statusMessage: "No active Shield Advanced subscription" };
  const res = await apiCaller({ service: "Shield", endpoint: "describeSubscription", params: {} });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "ResourceNotFoundException") return { statusSig: true, statusMessage: "No Shield Advanced subscription" };
  if (error) throw new Error(error.code + ": " + error.message);
  const status = apiResponse.Subscription.ProactiveEngagementStatus;
  return status === "ENABLED" ? { statusSig: true } : { statusSig: false, statusMessage: "Proactive engagement " + (status || "never set up") };
};
