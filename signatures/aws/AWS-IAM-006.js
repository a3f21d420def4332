module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const active = apiResponse.filter((k) => k.Status === "Active").length;
  return active <= 1 ? { statusSig: true } : { statusSig: false, statusMessage: active + " active access keys" };
};
