// The replication is the SKU's suffix: LRS and ZRS stay in one region; GRS, RAGRS, GZRS and
// RAGZRS copy the data to the paired region.
module.exports = async function (apiCaller, resource, lib) {
  const sku = String(((await lib.azure.item(apiCaller, resource)).sku || {}).name || "");
  if (!sku) return { statusSig: false, statusMessage: "The account's SKU is not known, so its data is not shown to be geo-replicated" };
  if (/_(RA)?G(Z)?RS$/i.test(sku))
    return { statusSig: true, statusMessage: "Replication " + sku + " copies the data to the paired region" };
  return { statusSig: false, statusMessage: "Replication " + sku + " keeps every copy in one region: a regional outage or disaster can make the data unavailable or lose it" };
};
