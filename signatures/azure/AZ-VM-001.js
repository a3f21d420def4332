// A managed disk has managedDisk; an unmanaged one is a VHD page blob in a storage account (vhd.uri).
module.exports = async function (apiCaller, resource) {
  const storage = (((resource.data || {}).properties || {}).storageProfile) || {};
  const disks = [storage.osDisk, ...(storage.dataDisks || [])].filter((d) => d);
  const unmanaged = disks.filter((d) => !d.managedDisk && d.vhd).map((d) => (d.name || "disk") + " (" + d.vhd.uri + ")");
  if (unmanaged.length) return { statusSig: false, statusMessage: "Unmanaged VHD disks: " + unmanaged.join(", ") };
  return { statusSig: true, statusMessage: "All " + disks.length + " disk(s) are managed disks" };
};
