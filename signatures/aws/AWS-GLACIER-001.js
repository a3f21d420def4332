module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "Glacier", endpoint: "getVaultAccessPolicy", params: { accountId: "-", vaultName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "ResourceNotFoundException") return { statusSig: true, statusMessage: "The vault has no access policy" };
  if (error) throw new Error(error.code + ": " + error.message);
  const open = lib.iam.publicStatements(apiResponse.policy.Policy);
  return open.length ? { statusSig: false, statusMessage: "Everyone may " + open.map((s) => s.Action.join(", ")).join("; ") } : { statusSig: true };
};
