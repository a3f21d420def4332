// Linux virtual machines: disablePasswordAuthentication is what Azure provisioned the VM with;
// absent, the API's default is false (passwords accepted).
module.exports = async function (apiCaller, resource) {
  const props = (resource.data || {}).properties || {};
  const osType = (((props.storageProfile || {}).osDisk) || {}).osType;
  const profile = props.osProfile;
  if (osType === "Windows" || (profile && profile.windowsConfiguration))
    return { statusSig: true, statusMessage: "A Windows virtual machine: SSH authentication does not apply" };
  if (!profile)
    return { statusSig: true, statusMessage: "No OS profile (created from a specialised disk): Azure did not provision its sign-in; check sshd_config in the guest" };
  const linux = profile.linuxConfiguration || {};
  if (linux.disablePasswordAuthentication === true)
    return { statusSig: true, statusMessage: "Password authentication is disabled; SSH keys only" };
  return { statusSig: false, statusMessage: "Password authentication is enabled for '" + (profile.adminUsername || "the admin user") + "'" };
};
