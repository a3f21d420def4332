// The key's policy (GetKeyPolicy, the only policy name KMS has: "default").
module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "KMS", endpoint: "getKeyPolicy", params: { KeyId: resource.id, PolicyName: "default" } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const open = lib.iam.publicStatements(apiResponse.Policy);
  return open.length ? { statusSig: false, statusMessage: "Open to everyone: " + open.map((s, i) => s.Sid || "statement " + (i + 1)).join(", ") } : { statusSig: true };
};
