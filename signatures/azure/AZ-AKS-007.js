// autoUpgradeProfile.upgradeChannel: patch, stable, rapid or node-image; absent or "none"
// means the cluster is upgraded by hand only.
module.exports = async function (apiCaller, resource) {
  const props = (resource.data || {}).properties || {};
  const channel = String((props.autoUpgradeProfile || {}).upgradeChannel || "none");
  if (channel.toLowerCase() === "none")
    return { statusSig: false, statusMessage: "No automatic upgrade channel (Kubernetes " + (props.currentKubernetesVersion || props.kubernetesVersion || "version unknown") + ")" };
  return { statusSig: true, statusMessage: "Automatic upgrade channel: " + channel };
};
