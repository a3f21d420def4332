module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "EC2", endpoint: "describeVpcEndpointServicePermissions", params: { ServiceId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const anyone = apiResponse.some((p) => p.Principal === "*");
  if (!anyone) return { statusSig: true, statusMessage: apiResponse.length + " allowed principal(s)" };
  const accepting = resource.data && resource.data.AcceptanceRequired;
  return { statusSig: false, statusMessage: "Every AWS principal is allowed" + (accepting ? " (connections still need acceptance)" : ", and connections are accepted automatically") };
};
