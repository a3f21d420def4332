module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "APIGatewayV2", endpoint: "getRoutes", params: { ApiId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  // A WebSocket API authorizes once, when the connection opens.
  const websocket = resource.data && resource.data.ProtocolType === "WEBSOCKET";
  const routes = websocket ? apiResponse.filter((r) => r.RouteKey === "$connect") : apiResponse;
  const open = routes.filter((r) => (r.AuthorizationType || "NONE") === "NONE");
  return open.length ? { statusSig: false, statusMessage: "No authorization: " + open.map((r) => r.RouteKey).join(", ") } : { statusSig: true };
};
