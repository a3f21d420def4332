// resource.data is the function as ListFunctions listed it; ask only when the data is not that
// listing's item (e.g. a hand-written resource in `signet test`).
async function functionOf(apiCaller, resource) {
  if (resource.data && resource.data.FunctionName) return resource.data;
  const res = await apiCaller({ service: "Lambda", endpoint: "getFunctionConfiguration", params: { FunctionName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}

module.exports = async function (apiCaller, resource) {
  const layers = (await functionOf(apiCaller, resource)).Layers || [];
  const outside = layers.map((l) => l.Arn).filter((arn) => arn.split(":")[4] !== resource.accountId);
  return outside.length ? { statusSig: false, statusMessage: "Layers of other accounts: " + outside.join(", ") } : { statusSig: true };
};
