module.exports = async function (apiCaller, resource) {
  const group = await described(apiCaller, resource);
  if (group.AuthTokenEnabled) return { statusSig: true, statusMessage: "An AUTH token is required" };
  if ((group.UserGroupIds || []).length) return { statusSig: true, statusMessage: "Users of " + group.UserGroupIds.join(", ") + " (RBAC)" };
  return { statusSig: false };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.ReplicationGroupId !== undefined) return resource.data;
  const res = await apiCaller({ service: "ElastiCache", endpoint: "describeReplicationGroups", params: { ReplicationGroupId: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}
