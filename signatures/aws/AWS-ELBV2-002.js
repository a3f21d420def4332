// resource.data is the listener as DescribeListeners listed it; describe it only when the data is
// not that listing's item (e.g. a hand-written resource in `signet test`).
async function listenerOf(apiCaller, resource) {
  if (resource.data && resource.data.ListenerArn) return resource.data;
  const res = await apiCaller({ service: "ELBv2", endpoint: "describeListeners", params: { ListenerArns: [resource.arn] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}

// Predefined policies that offer nothing older than TLS 1.2.
const TLS12 = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;

module.exports = async function (apiCaller, resource) {
  const listener = await listenerOf(apiCaller, resource);
  if (!["HTTPS", "TLS"].includes(listener.Protocol)) return { statusSig: true, statusMessage: listener.Protocol + " listener: no TLS to negotiate" };
  return TLS12.test(listener.SslPolicy || "") ? { statusSig: true, statusMessage: "Policy " + listener.SslPolicy } : { statusSig: false, statusMessage: "Policy " + listener.SslPolicy };
};
