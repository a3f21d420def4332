// Shield Advanced protects only what is added to it, and only for subscribed accounts: without a
// subscription there is nothing to check. Both calls are made once per scan.
module.exports = async function (apiCaller, resource) {
  const sub = await apiCaller({ service: "Shield", endpoint: "describeSubscription", params: {} });
  const subscription = sub[0][0];
  if (subscription.error && subscription.error.code === "ResourceNotFoundException") return { statusSig: true, statusMessage: "No Shield Advanced subscription" };
  if (subscription.error) throw new Error(subscription.error.code + ": " + subscription.error.message);
  const res = await apiCaller({ service: "Shield", endpoint: "listProtections", params: {} });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "ResourceNotFoundException") return { statusSig: false };  // no protection at all
  if (error) throw new Error(error.code + ": " + error.message);
  const protection = apiResponse.find((p) => p.ResourceArn === resource.arn);
  return protection ? { statusSig: true, statusMessage: "Protection " + protection.Name } : { statusSig: false };
};
