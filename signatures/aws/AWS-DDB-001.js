module.exports = async function (apiCaller, resource) {
  const table = await described(apiCaller, resource);
  if (table.BillingModeSummary && table.BillingModeSummary.BillingMode === "PAY_PER_REQUEST") return { statusSig: true, statusMessage: "On-demand capacity" };
  const res = await apiCaller({ service: "ApplicationAutoScaling", endpoint: "describeScalableTargets",
                                params: { ServiceNamespace: "dynamodb", ResourceIds: ["table/" + resource.name] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const scaled = apiResponse.map((t) => t.ScalableDimension);
  const missing = ["dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits"].filter((d) => !scaled.includes(d));
  if (missing.length === 0) return { statusSig: true, statusMessage: "Provisioned with auto scaling" };
  return { statusSig: false, statusMessage: "Provisioned without auto scaling of " + missing.map((d) => d.split(":").pop()).join(" and ") };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.TableStatus !== undefined) return resource.data;
  const res = await apiCaller({ service: "DynamoDB", endpoint: "describeTable", params: { TableName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.Table;
}
