module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const day = 24 * 3600 * 1000;
  const old = apiResponse.filter((k) => k.Status === "Active" && Date.now() - Date.parse(k.CreateDate) > 90 * day);
  if (old.length === 0) return { statusSig: true };
  return { statusSig: false, statusMessage: old.map((k) => k.AccessKeyId + " is " + Math.floor((Date.now() - Date.parse(k.CreateDate)) / day) + " days old").join("; ") };
};
