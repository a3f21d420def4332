module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "APIGateway", endpoint: "getAuthorizers", params: { restApiId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const authorizers = apiResponse;
  if (authorizers.length) return { statusSig: true, statusMessage: authorizers.length + " authorizer(s)" };
  const methods = await apiCaller({ service: "APIGateway", endpoint: "getResources", params: { restApiId: resource.id, embed: ["methods"] } });
  const listed = methods[0][0];
  if (listed.error) throw new Error(listed.error.code + ": " + listed.error.message);
  const open = [];
  for (const r of listed.apiResponse)
    for (const [verb, m] of Object.entries(r.resourceMethods || {}))
      if (verb !== "OPTIONS" && (m.authorizationType || "NONE") === "NONE") open.push(verb + " " + r.path);
  return open.length ? { statusSig: false, statusMessage: "No authorization: " + open.slice(0, 5).join(", ") + (open.length > 5 ? ", ..." : "") } : { statusSig: true };
};
