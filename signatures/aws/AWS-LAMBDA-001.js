// resource.data is the function as ListFunctions listed it; ask only when the data is not that
// listing's item (e.g. a hand-written resource in `signet test`).
async function functionOf(apiCaller, resource) {
  if (resource.data && resource.data.FunctionName) return resource.data;
  const res = await apiCaller({ service: "Lambda", endpoint: "getFunctionConfiguration", params: { FunctionName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}

// Runtimes AWS has deprecated (Lambda runtimes page, "Deprecated runtimes"): no security patches.
const DEPRECATED = ["nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x",
  "python2.7", "python3.6", "python3.7", "python3.8", "ruby2.5", "ruby2.7", "java8", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1",
  "dotnetcore3.1", "dotnet5.0", "dotnet6", "go1.x", "provided"];

module.exports = async function (apiCaller, resource) {
  const fn = await functionOf(apiCaller, resource);
  if (!fn.Runtime) return { statusSig: true, statusMessage: "A container image function" };
  return DEPRECATED.includes(fn.Runtime) ? { statusSig: false, statusMessage: "Runtime " + fn.Runtime + " is deprecated" } : { statusSig: true, statusMessage: "Runtime " + fn.Runtime };
};
