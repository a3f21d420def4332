// resource.data is the node group as DescribeNodegroup gave it (the catalog's detail call); describe
// it only when the data lacks it (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let group = resource.data || {};
  if (!group.nodegroupArn) {
    const [cluster, name] = resource.id.split("/");
    const res = await apiCaller({ service: "EKS", endpoint: "describeNodegroup", params: { clusterName: cluster, nodegroupName: name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    group = apiResponse.nodegroup;
  }
  const remote = group.remoteAccess;
  if (!remote || !remote.ec2SshKey) return { statusSig: true, statusMessage: "No SSH access" };
  // With a key and no source security groups, EKS opens port 22 to 0.0.0.0/0.
  return (remote.sourceSecurityGroups || []).length ? { statusSig: true, statusMessage: "SSH from " + remote.sourceSecurityGroups.join(", ") } : { statusSig: false };
};
