// ingressSettings: ALLOW_ALL (the default when unset), ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB.
module.exports = async function (apiCaller, resource) {
  const ingress = resource.data.ingressSettings || "ALLOW_ALL";
  return { statusSig: ingress !== "ALLOW_ALL", statusMessage: "Ingress " + ingress + (resource.data.ingressSettings ? "" : " (default)") };
};
