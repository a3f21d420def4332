module.exports = async function (apiCaller, resource) {
  const login = await apiCaller({ service: "IAM", endpoint: "getLoginProfile", params: { UserName: resource.name } });
  if (login[0][0].error) return { statusSig: true, statusMessage: "No console password" };
  const keys = await apiCaller({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: resource.name } });
  if (keys[0][0].error) throw new Error(keys[0][0].error.code + ": " + keys[0][0].error.message);
  const created = Date.parse(resource.data.CreateDate);
  const early = keys[0][0].apiResponse.filter((k) => Math.abs(Date.parse(k.CreateDate) - created) < 10 * 60 * 1000);
  return early.length ? { statusSig: false, statusMessage: early.map((k) => k.AccessKeyId).join(", ") + " created with the user" } : { statusSig: true };
};
