// disableLocalAccounts: absent means false (the static cluster-admin credential can be fetched).
module.exports = async function (apiCaller, resource) {
  const disabled = (((resource.data || {}).properties || {}).disableLocalAccounts) === true;
  return { statusSig: disabled, statusMessage: disabled ? "Local accounts are disabled" : "Local accounts are enabled: the cluster-admin kubeconfig can be downloaded" };
};
