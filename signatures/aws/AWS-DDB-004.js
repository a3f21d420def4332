module.exports = async function (apiCaller, resource) {
  const table = await described(apiCaller, resource);
  const sse = table.SSEDescription || {};
  if (sse.SSEType === "KMS" && sse.Status === "ENABLED") return { statusSig: true, statusMessage: "Key: " + (sse.KMSMasterKeyArn || "aws/dynamodb") };
  return { statusSig: false };
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
