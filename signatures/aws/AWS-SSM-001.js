// Who the document is shared with: DescribeDocumentPermission; the account ID "all" means public.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "SSM", endpoint: "describeDocumentPermission", params: { Name: resource.name, PermissionType: "Share" } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const accounts = apiResponse.AccountIds || [];
  if (accounts.includes("all")) return { statusSig: false };
  return { statusSig: true, statusMessage: accounts.length ? "Shared with " + accounts.join(", ") : "Not shared" };
};
