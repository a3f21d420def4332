// Each OS and data disk of the VM must be encrypted with a customer-managed key: a managed
// disk through a disk encryption set (named in the VM model, else read from the disk); an
// unmanaged VHD through its storage account's encryption key source.
const customerKey = (type) => /CustomerKey/i.test(String(type || ""));

async function get(apiCaller, service, endpoint, params) {
  const res = await apiCaller({ service, endpoint, params });
  const { apiResponse, error } = res[0][0];
  if (error && error.statusCode === 404) return null;
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}

module.exports = async function (apiCaller, resource) {
  const storage = (((resource.data || {}).properties || {}).storageProfile) || {};
  const disks = [storage.osDisk, ...(storage.dataDisks || [])].filter((d) => d);
  const weak = [];
  for (const d of disks) {
    const name = d.name || "disk";
    if (d.managedDisk) {
      if ((d.managedDisk.diskEncryptionSet || {}).id) continue;
      const disk = d.managedDisk.id ? await get(apiCaller, "Microsoft.Compute", "{id}", { id: d.managedDisk.id }) : null;
      const p = (disk || {}).properties || {};
      if (customerKey((p.encryption || {}).type) || customerKey((p.securityProfile || {}).securityType)) continue;
      weak.push(name + " (" + ((p.encryption || {}).type || "platform-managed key") + ")");
    } else if (d.vhd && d.vhd.uri) {
      // An unmanaged VHD is encrypted by its storage account: find the account by the blob's host.
      const account = String(d.vhd.uri).replace(/^https?:\/\//, "").split(".")[0].toLowerCase();
      const accounts = await get(apiCaller, "Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts", {});
      const found = (accounts || []).find((a) => String(a.name).toLowerCase() === account);
      const source = found ? ((found.properties || {}).encryption || {}).keySource : null;
      if (source === "Microsoft.Keyvault") continue;
      weak.push(name + " (unmanaged VHD in " + account + ", " + (found ? "its account uses " + (source || "Microsoft.Storage") + " keys" : "account not in this subscription") + ")");
    }
  }
  if (weak.length) return { statusSig: false, statusMessage: "Not encrypted with a customer-managed key: " + weak.join(", ") };
  return { statusSig: true, statusMessage: "All " + disks.length + " disk(s) are encrypted with a customer-managed key" };
};
