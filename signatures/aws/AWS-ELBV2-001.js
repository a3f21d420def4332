// resource.data is the listener as DescribeListeners listed it; describe it only when the data is
// not that listing's item (e.g. a hand-written resource in `signet test`).
async function listenerOf(apiCaller, resource) {
  if (resource.data && resource.data.ListenerArn) return resource.data;
  const res = await apiCaller({ service: "ELBv2", endpoint: "describeListeners", params: { ListenerArns: [resource.arn] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

module.exports = async function (apiCaller, resource) {
  const listener = await listenerOf(apiCaller, resource);
  if (listener.Protocol !== "HTTP") return { statusSig: true, statusMessage: listener.Protocol + " listener" };
  const redirects = (listener.DefaultActions || []).some((a) => a.Type === "redirect" && a.RedirectConfig && a.RedirectConfig.Protocol === "HTTPS");
  return redirects ? { statusSig: true, statusMessage: "Redirects to HTTPS" } : { statusSig: false, statusMessage: "HTTP on port " + listener.Port + " without a redirect to HTTPS" };
};
