module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "DynamoDB", endpoint: "getResourcePolicy", params: { ResourceArn: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "PolicyNotFoundException") return { statusSig: true, statusMessage: "The table has no resource policy" };
  if (error) throw new Error(error.code + ": " + error.message);
  const own = resource.accountId;
  const others = lib.iam.principals(apiResponse.Policy).filter((p) => p.type === "AWS")
    .map((p) => (p.value === "*" ? "*" : /^\d{12}$/.test(p.value) ? p.value : lib.arn.parse(p.value).account))
    .filter((account) => account !== own);
  return others.length ? { statusSig: false, statusMessage: "Granted to " + [...new Set(others)].join(", ") } : { statusSig: true };
};
