// Unattached managed disks (no managedBy): their encryption.type; absent means the platform
// key. Attached disks are judged with their virtual machine (AZ-VM-003).
module.exports = async function (apiCaller, resource) {
  const disk = resource.data || {};
  const p = disk.properties || {};
  if (disk.managedBy || p.diskState === "Attached" || p.diskState === "Reserved")
    return { statusSig: true, statusMessage: "Attached to " + String(disk.managedBy || "a virtual machine").split("/").pop() + ": judged with its virtual machine" };
  const type = (p.encryption || {}).type || "EncryptionAtRestWithPlatformKey";
  const cmk = /CustomerKey/i.test(type) || /CustomerKey/i.test(String((p.securityProfile || {}).securityType || ""));
  return { statusSig: cmk, statusMessage: "Unattached disk encrypted with " + type };
};
